// The interpretations auditd appends to an ENRICHED record after \x1d (`AUID="labuser" UID="root" …`, or
// `SADDR={ … }`), read as auparse's load_interpretation_list reads them. ausearch -i and aureport look values
// up in them before interpreting a field themselves.

/** Lower-case name -> value as written (quotes kept): `auid` -> `"labuser"`, `saddr` -> `{ saddr_fam=inet laddr=… }`. */
export type Enriched = ReadonlyMap<string, string>;

const ENRICHED_CACHE = new Map<string, Enriched>();
export const NO_ENRICHED: Enriched = new Map();

/** Parses the text after \x1d; the first of a name wins. Results are cached: logs repeat the same few. */
export function enrichedOf(suffix: string): Enriched {
  let e = ENRICHED_CACHE.get(suffix);
  if (e !== undefined) return e;
  const m = new Map<string, string>();
  if (suffix.startsWith('SADDR=')) {
    const open = suffix.indexOf('{', 6);
    if (open >= 0 && suffix.indexOf('}', open) >= 0) m.set('saddr', suffix.slice(open));
  } else {
    for (const tok of suffix.split(' ')) {
      const eq = tok.indexOf('=');
      if (eq < 0) continue;
      const k = tok.slice(0, eq).toLowerCase();
      if (!m.has(k)) m.set(k, tok.slice(eq + 1));
    }
  }
  e = m.size ? m : NO_ENRICHED;
  if (ENRICHED_CACHE.size < 4096) ENRICHED_CACHE.set(suffix, e);
  return e;
}
