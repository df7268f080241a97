// The shape of a normalization entry (src/tables/normalizations.ts is the generated data): how a syscall or
// record type is summarized as actor, action, object and how, and its ECS category/type.
//
// Hand-written: the generator (scripts/gen-tables/normalization-table.mjs) writes only the data module.

export interface EcsMapping {
  readonly from: string;
  readonly to: string;
}

export interface Normalization {
  readonly origin: 'go-libaudit' | 'tsaudit';
  readonly action: string;
  readonly objectWhat: string;
  readonly objectPathIndex: number;
  readonly subjectPrimary: readonly string[];
  readonly subjectSecondary: readonly string[];
  readonly objectPrimary: readonly string[];
  readonly objectSecondary: readonly string[];
  readonly how: readonly string[];
  readonly sourceIp: readonly string[];
  readonly hasFields: readonly string[];
  readonly syscalls: readonly string[];
  readonly recordTypes: readonly string[];
  readonly ecs: {
    readonly kind: string;
    readonly category: readonly string[];
    readonly type: readonly string[];
    readonly mappings: readonly EcsMapping[];
  };
}
