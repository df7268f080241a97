#!/usr/bin/env node
// Generates src/tables/normalizations.ts: how a syscall or record type is summarized (action, object, how,
// ECS category/type), in go-libaudit's vocabulary so dashboards built on its output keep working. Data only:
// the entry type is hand-written in src/tables/normalization.ts.
//
// Facts:
//   1. test/fixtures/go-libaudit/aucoalesce/normalizations.yaml (elastic/go-libaudit v2.6.2, Apache-2.0,
//      Copyright Elasticsearch B.V.; see test/fixtures/go-libaudit/NOTICE.txt);
//   2. scripts/gen-tables/normalizations-extra.yaml: our additions for syscalls and record types met in real
//      logs that (1) does not cover, written in the same vocabulary.
// Two entries of (1) name record types that do not exist (AUDIT_ANOM_LOGIN_ACCT, ANOM_MK_EXE); they are
// renamed to the real type names (ANOM_LOGIN_ACCT, ANOM_MK_EXEC) here.
//
// Usage: node scripts/gen-tables/normalization-table.mjs

import { readFileSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';

const SOURCES = [
  ['test/fixtures/go-libaudit/aucoalesce/normalizations.yaml', 'go-libaudit'],
  ['scripts/gen-tables/normalizations-extra.yaml', 'tsaudit'],
];
const RENAMED_TYPES = { AUDIT_ANOM_LOGIN_ACCT: 'ANOM_LOGIN_ACCT', ANOM_MK_EXE: 'ANOM_MK_EXEC' };

const list = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

const entries = [];
const syscallOwner = new Map();
for (const [file, origin] of SOURCES) {
  const doc = yaml.load(readFileSync(file, 'utf8'));
  for (const n of doc?.normalizations ?? []) {
    const ecs = n.ecs ?? {};
    const entry = {
      origin,
      action: n.action ?? '',
      objectWhat: n.object_what ?? '',
      objectPathIndex: n.object_path_index ?? 0,
      subjectPrimary: list(n.subject_primary),
      subjectSecondary: list(n.subject_secondary),
      objectPrimary: list(n.object_primary),
      objectSecondary: list(n.object_secondary),
      how: list(n.how),
      sourceIp: list(n.source_ip),
      hasFields: list(n.has_fields),
      syscalls: list(n.syscalls),
      recordTypes: list(n.record_types).map((t) => RENAMED_TYPES[t] ?? t),
      ecs: {
        kind: ecs.kind ?? '',
        category: list(ecs.category),
        type: list(ecs.type),
        mappings: (ecs.mappings ?? []).map((m) => ({ from: String(m.from), to: String(m.to) })),
      },
    };
    for (const s of entry.syscalls) {
      if (syscallOwner.has(s)) throw new Error(`${file}: syscall ${s} is mapped twice`);
      syscallOwner.set(s, entry);
    }
    entries.push(entry);
  }
}

const out = `// GENERATED FILE, do not edit: node scripts/gen-tables/normalization-table.mjs
// How each syscall and record type is summarized: action, object type and fields, how, ECS category/type.
// Facts: elastic/go-libaudit v2.6.2 aucoalesce/normalizations.yaml (Apache-2.0, Copyright Elasticsearch B.V.,
// see test/fixtures/go-libaudit/NOTICE.txt), vocabulary kept as is; plus scripts/gen-tables/normalizations-extra.yaml
// (origin "tsaudit") for what real logs need beyond it. Record types AUDIT_ANOM_LOGIN_ACCT and ANOM_MK_EXE of the
// upstream file are renamed to the real names ANOM_LOGIN_ACCT and ANOM_MK_EXEC.

import type { Normalization } from './normalization.js';

export const NORMALIZATIONS: readonly Normalization[] = ${JSON.stringify(entries, null, 1)};
`;
writeFileSync('src/tables/normalizations.ts', out);
console.log(`wrote ${entries.length} normalizations (${syscallOwner.size} syscalls)`);
