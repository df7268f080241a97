// Text, JSON and YAML writers shared by every verb. No commander here: interpretation threads load this
// module (the --format option itself is in src/commands/options.ts).
// JSON is NDJSON: one object per line, so `tsaudit parse -format=json | jq -c .` works on any size.
// YAML is one document per item, each introduced by `---` (js-yaml, loaded only when asked for).

import { usageError } from '../errors.js';
import { Output } from './output.js';
import { yaml11SafeSchema } from './yaml.js';

export const FORMATS = ['text', 'json', 'yaml'] as const;
export type FormatName = (typeof FORMATS)[number];

export function parseFormat(value: string): FormatName {
  return oneOf(FORMATS, value);
}

/** `value` as one of `names`, in any case (-format=JSON, as the peers' option values are). */
function oneOf<T extends string>(names: readonly T[], value: string): T {
  const lower = value.toLowerCase();
  if ((names as readonly string[]).includes(lower)) return lower as T;
  throw usageError(`flag --format: expected one of ${names.join(', ')}, got "${value}"`, { token: value });
}

/** The formats of the verbs that print events (parse, stream): the general ones, and `ecs` (one Elastic
 * Common Schema document per event, in the layout of Auditbeat's auditd module; src/ecs/). */
export const EVENT_FORMATS = [...FORMATS, 'ecs'] as const;
export type EventFormatName = (typeof EVENT_FORMATS)[number];

export function parseEventFormat(value: string): EventFormatName {
  return oneOf(EVENT_FORMATS, value);
}

export interface ItemWriter<T> {
  /** Returns false when the caller should await `ready()` before writing more. */
  write(item: T): boolean;
  ready(): Promise<void>;
  end(): Promise<void>;
}

export interface WriterOptions<T> {
  output?: Output;
  /** Text rendering of one item; a trailing newline is added when missing. */
  text: (item: T) => string;
  /** The plain object written as JSON/YAML (defaults to the item itself). */
  toPlain?: (item: T) => unknown;
}

/** A value -> its JSON line or YAML document (newline included). */
export type Serializer = (value: unknown) => string;

export async function yamlSerializer(): Promise<Serializer> {
  const yaml = await import('js-yaml');
  const schema = yaml11SafeSchema(yaml); // strings a YAML 1.1 reader would retype are quoted
  return (value) => `---\n${yaml.dump(value, { lineWidth: -1, noRefs: true, skipInvalid: true, schema })}`;
}

export const jsonSerializer: Serializer = (value) => `${JSON.stringify(value)}\n`;

export async function createWriter<T>(format: FormatName, opts: WriterOptions<T>): Promise<ItemWriter<T>> {
  const output = opts.output ?? new Output();
  let render: (item: T) => string;
  if (format === 'text') {
    render = (item) => {
      const s = opts.text(item);
      return s.endsWith('\n') || s === '' ? s : `${s}\n`;
    };
  } else {
    const serialize = format === 'json' ? jsonSerializer : await yamlSerializer();
    const toPlain = opts.toPlain ?? ((item: T) => item);
    render = (item) => serialize(toPlain(item));
  }
  return {
    write: (item) => output.write(render(item)),
    ready: () => output.ready(),
    end: () => output.end(),
  };
}

/** Writes one item in the chosen format and waits until stdout has taken it. */
export async function writeOne<T>(format: FormatName, item: T, opts: WriterOptions<T>): Promise<void> {
  const writer = await createWriter(format, opts);
  writer.write(item);
  await writer.end();
}

export { Output } from './output.js';
