// The field readers of ausearch-parse.c, the parser ausearch and aureport 3.0.9 share: every value is found
// by a `key=` substring search from a moving position (`term`), read up to a terminator, and a missing key,
// terminator or an out-of-range number is a per-record error code that drops the event. The codes and the
// moving position are what make tsaudit count the same events as the C tools, so each reader takes them
// as arguments instead of hiding them.

import { isXdigit, strto, unescape } from './cstr.js';

/** A reader's result when an optional key (missing code OPTIONAL) is not in the record. */
export const ABSENT = -1;
/** As a missing code: the key may be absent (the reader then returns ABSENT). */
export const OPTIONAL = 0;
/** As a no-space code: a value at the end of the record is still read; the scan goes on from the value. */
export const FROM_VALUE = -1;
/** As a no-space code: a value at the end of the record is still read; the scan starts over from 0. */
export const FROM_START = -2;
/**
 * word()'s last argument: the value is a label or a flag (short, or kept only as aureport keeps labels),
 * taken as a plain slice even by a flavour that copies values.
 */
export const LABEL = true;

/** The moving position over one record's text and the readers that advance it. */
export class FieldScanner {
  /** The record's text up to the ENRICHED separator. */
  protected m = '';
  /** Where the next key search starts (C's `term`). */
  protected term = 0;
  /** The last number read. */
  protected v = 0;
  /** The last text read (null where C's unescape() gives NULL). */
  protected t: string | null = null;

  /** Copies a value out of the record; a flavour that keeps items across records copies long ones. */
  constructor(private readonly own: boolean) {}

  protected cut(from: number, to: number): string {
    const m = this.m;
    // a plain slice of 13+ chars is a view that would pin the whole record text
    return this.own && to - from >= 13 ? Buffer.from(m.slice(from, to), 'latin1').toString('latin1') : m.slice(from, to);
  }

  /** The index just past `key` found from `from`, or -1. */
  protected find(key: string, from: number = this.term): number {
    const i = this.m.indexOf(key, from);
    return i < 0 ? -1 : i + key.length;
  }

  /** The first of `keys` found from the position: the index past it, or -1. */
  protected findAny(keys: readonly string[]): number {
    for (const k of keys) {
      const p = this.find(k);
      if (p >= 0) return p;
    }
    return -1;
  }

  /**
   * A strtoul/strtol number after `key`, ended by a space: 0 (the number in `v`), ABSENT, or the code of
   * what failed (missing key, no space after the value, out of range).
   */
  protected num(key: string, missing: number, noSpace: number, range: number, base: 10 | 16 = 10): number {
    const p = this.find(key);
    if (p < 0) return missing === OPTIONAL ? ABSENT : missing;
    return this.numAt(p, noSpace, range, base);
  }

  /** num() for a value found otherwise: `p` is its first character. */
  protected numAt(p: number, noSpace: number, range: number, base: 0 | 10 | 16 = 10, signed = false): number {
    const sp = this.m.indexOf(' ', p);
    if (sp < 0 && noSpace > 0) return noSpace;
    const r = strto(this.m, p, base, signed);
    if (r.overflow) return range;
    this.v = r.value;
    this.term = sp >= 0 ? sp : noSpace === FROM_START ? 0 : p;
    return 0;
  }

  /** A trailing number (`res=` at the end): read as far as it goes, the position kept. */
  protected last(key: string, range: number): number {
    const p = this.find(key);
    if (p < 0) return ABSENT;
    const r = strto(this.m, p, 10);
    if (r.overflow) return range;
    this.v = r.value;
    return 0;
  }

  /** Text after `key` up to a space (in `t`): 0, ABSENT, or the code for a missing key or space. */
  protected word(key: string, missing: number, noSpace: number, label = false): number {
    const p = this.find(key);
    if (p < 0) return missing === OPTIONAL ? ABSENT : missing;
    const sp = this.m.indexOf(' ', p);
    if (sp < 0) return noSpace;
    this.t = label ? this.m.slice(p, sp) : this.cut(p, sp);
    this.term = sp;
    return 0;
  }

  /** A label from `p` to the next space or the end of the record; the space's index (or -1) in `v`. */
  protected rest(p: number): string {
    const sp = this.m.indexOf(' ', p);
    this.v = sp;
    return this.m.slice(p, sp < 0 ? this.m.length : sp);
  }

  /** Text after `key` up to the first of `ends` found (each tried in turn): 0, ABSENT, or `noEnd`. */
  protected until(key: string, ends: string, noEnd: number): number {
    const p = this.find(key);
    if (p < 0) return ABSENT;
    return this.untilAt(p, ends, noEnd);
  }

  protected untilAt(p: number, ends: string, noEnd: number): number {
    for (let i = 0; i < ends.length; i++) {
      const e = this.m.indexOf(ends[i]!, p);
      if (e >= 0) {
        this.t = this.cut(p, e);
        this.term = e;
        return 0;
      }
    }
    return noEnd;
  }

  /** A `"quoted"` value at `p` (the position moves to its closing quote) or a hex one: 0 or `open`. */
  protected quotedOrHex(p: number, open: number): number {
    const m = this.m;
    if (m.charCodeAt(p) === 34) {
      const q = m.indexOf('"', p + 1);
      if (q < 0) return open;
      this.t = this.cut(p + 1, q);
      this.term = q;
      return 0;
    }
    this.t = unescape(m, p);
    return 0;
  }

  /** quotedOrHex() after `key`: 0, ABSENT, the missing code, or `open`. */
  protected quotedOrHexAfter(key: string, missing: number, open: number, from: number = this.term): number {
    const p = this.find(key, from);
    if (p < 0) return missing === OPTIONAL ? ABSENT : missing;
    return this.quotedOrHex(p, open);
  }

  /**
   * User-space values (exe=, cwd=, acct=) are quoted, hex, or (older programs) plain text up to a space:
   * hex only when every character up to the space is a hex digit. `open`: the code for a lone quote.
   */
  protected legacyAt(p: number, open: number): number {
    const m = this.m;
    if (m.charCodeAt(p) === 34) return this.quotedOrHex(p, open);
    let e = p;
    let legacy = false;
    while (e < m.length && m.charCodeAt(e) !== 32) {
      if (!isXdigit(m.charCodeAt(e))) legacy = true;
      e++;
    }
    this.t = legacy ? this.cut(p, e) : unescape(m, p);
    this.term = e;
    return 0;
  }
}
