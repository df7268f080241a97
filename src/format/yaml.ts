// YAML output that every YAML reader gives back as the same strings. js-yaml quotes a string that its own
// (YAML 1.2 core) schema would read as something else, but readers of YAML 1.1 (PyYAML, Go's yaml.v2,
// Ruby's Psych) also take `yes`/`no`/`on`/`off`, `0777` (octal), `1_000`, `1:30` (base 60), dates and `=`
// for other types, and js-yaml leaves an all-digit string of 309 or more digits plain (its number check
// fails on Infinity): PyYAML then reads a long hex chunk of an EXECVE argument as an integer. The schema
// below adds one implicit type that "recognizes" every YAML 1.1 scalar form, so the dumper quotes such
// strings; it is only used to write, never to read.
// The patterns are YAML 1.1's resolvers (yaml.org/type: bool, int, float, null, timestamp, merge, value).

import type * as JsYaml from 'js-yaml';

const YAML11_NOT_STRING = new RegExp(
  [
    // bool (y/n too: the 1.1 spec has them, though PyYAML does not)
    'y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF',
    // int: binary, octal, decimal (any length), hex, base 60
    '[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+',
    // float
    '[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)',
    // null
    '~|null|Null|NULL|',
    // timestamp
    '[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?',
    // merge, value
    '<<|=',
  ]
    .map((alt) => `(?:${alt})`)
    .join('|')
    .replace(/^/, '^(?:')
    .concat(')$'),
);

/** True when a YAML 1.1 reader would not read `s`, written plain, as the string `s`. */
export function isYaml11NonString(s: string): boolean {
  // Every form starts with a digit, one of `-+.~<=`, or a letter of y/n/true/false/on/off/null: most
  // strings (paths, words) are ruled out by their first character without running the pattern.
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  const maybe = (c >= 48 && c <= 57) || FIRST.has(c);
  return maybe && YAML11_NOT_STRING.test(s);
}

const FIRST = new Set([...'-+.~<=yYnNtTfFoO'].map((ch) => ch.charCodeAt(0)));

/** js-yaml's default schema plus the YAML 1.1 forms (see above): pass it to dump(). */
export function yaml11SafeSchema(yaml: Pick<typeof JsYaml, 'Type' | 'DEFAULT_SCHEMA'>): JsYaml.Schema {
  const yaml11 = new yaml.Type('tag:tsaudit,2026:yaml11-scalar', {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && isYaml11NonString(data),
    construct: (data: unknown) => data,
  });
  return yaml.DEFAULT_SCHEMA.extend({ implicit: [yaml11] });
}
