// Body lexer: the part of an audit record after `msg=audit(…): `, split into key=value fields and free text.
// Pure string scanning, no regular expressions on the hot path. Lossless: every value is kept exactly as
// written (only the quotes are taken off), `(null)`, `?` and empty values included, and the quoting is
// recorded because the kernel hex-encodes untrusted strings *unquoted*.
//
// What the kernel and user space write:
//   key=value            bare value, ends at a space (or at the \x1d byte of an ENRICHED record)
//   key="quoted value"   never hex, may hold spaces
//   msg='op=… res=…'     a user-space record's nested key=values: flattened, each field remembers its container
//   old auid=0           pre-2.6.29 LOGIN spelling: the key is kept as written, `old auid`
//   avc:  denied  { read } for  pid=…    free text between fields, kept as text segments
// The ENRICHED suffix (after \x1d) is lexed separately by lexEnriched: `KEY=value`, `KEY="v"`, `KEY={ … }`.

/** One key=value of a record body. */
export interface AuditField {
  /** The key as written: `a1[0]`, `old-auid`, `saddr`, `old auid`. */
  readonly key: string;
  /** The value as written, without its quotes. `(null)`, `?` and `` are kept as such. */
  readonly value: string;
  /**
   * How the value was written: `"` or `'` when quoted, `` when bare. A bare value of a string field
   * (proctitle, aN, name, cwd, exe, cmd, acct, …) may be hex-encoded by the kernel; a quoted one never is.
   */
  readonly quote: '' | '"' | "'";
  /** The field that holds this one (`msg` for the inside of `msg='…'`), or null at the top level. */
  readonly container: string | null;
}

/** A run of free text between fields (`PAM: accounting`, `avc:  denied  { read } for`). */
export interface TextSegment {
  readonly text: string;
  readonly container: string | null;
  /**
   * Index in the field list of the field this text follows (-1 when it comes first). Lets a consumer put
   * `text=test message round 1` back together: the bare value `test` is followed by the text `message round 1`.
   */
  readonly after: number;
}

export interface LexResult {
  fields: AuditField[];
  text: TextSegment[];
  /** The raw inside of `msg='…'` when the body has one (the container of nested fields). */
  msg: string | undefined;
}

const SPACE = 32;
const EQ = 61;
const DQUOTE = 34;
const SQUOTE = 39;

function isBreak(c: number): boolean {
  // Spaces separate tokens; tabs and newlines never appear unencoded in a record, but be tolerant.
  return c === SPACE || c === 9;
}

/** Lexes s[start, end) into `out`. */
export function lexBody(s: string, start: number, end: number, out: LexResult, container: string | null = null): void {
  let i = start;
  let textStart = -1; // start of the current free-text run
  let textEnd = -1; // end of its last word
  let lastWordStart = -1; // start of its last word (for `old auid=`)
  const flushText = (upTo: number): void => {
    if (textStart >= 0) {
      const t = s.slice(textStart, upTo).trimEnd();
      if (t.length > 0) out.text.push({ text: t, container, after: out.fields.length - 1 });
      textStart = -1;
    }
  };
  while (i < end) {
    let c = s.charCodeAt(i);
    while (isBreak(c)) {
      if (++i >= end) break;
      c = s.charCodeAt(i);
    }
    if (i >= end) break;
    // Scan a key: up to '=' or a break.
    let j = i;
    while (j < end) {
      c = s.charCodeAt(j);
      if (c === EQ || isBreak(c)) break;
      j++;
    }
    if (j < end && c === EQ && j > i) {
      let key = s.slice(i, j);
      if (textStart >= 0) {
        // `old auid=…` / `new ses=…`: an old kernel's two-word key, kept as written.
        const word = textEnd === i - 1 ? s.slice(lastWordStart, textEnd) : '';
        if (word === 'old' || word === 'new') {
          key = `${word} ${key}`;
          flushText(lastWordStart);
        } else {
          flushText(textEnd);
        }
      }
      lastWordStart = -1;
      textEnd = -1;
      const v = j + 1;
      const q = v < end ? s.charCodeAt(v) : -1;
      if (q === DQUOTE) {
        let close = s.indexOf('"', v + 1);
        if (close < 0 || close >= end) close = end; // unterminated: the rest is the value
        out.fields.push({ key, value: s.slice(v + 1, close), quote: '"', container });
        i = close + 1;
      } else if (q === SQUOTE) {
        // The closing quote is the first ' followed by a break or the end of the body.
        let close = v + 1;
        for (;;) {
          close = s.indexOf("'", close);
          if (close < 0 || close >= end) {
            close = end;
            break;
          }
          if (close + 1 >= end || isBreak(s.charCodeAt(close + 1))) break;
          close++;
        }
        const inner = s.slice(v + 1, close);
        if (container === null && inner.indexOf('=') >= 0) {
          if (key === 'msg' && out.msg === undefined) out.msg = inner;
          lexBody(s, v + 1, close, out, key);
        } else {
          out.fields.push({ key, value: inner, quote: "'", container });
        }
        i = close + 1;
      } else {
        let k = v;
        while (k < end && !isBreak(s.charCodeAt(k))) k++;
        out.fields.push({ key, value: s.slice(v, k), quote: '', container });
        i = k;
      }
      continue;
    }
    // A free-text word: up to the next break.
    while (j < end && !isBreak(s.charCodeAt(j))) j++;
    if (textStart < 0) textStart = i;
    lastWordStart = i;
    textEnd = j;
    i = j;
  }
  flushText(textEnd >= 0 ? textEnd : end);
}

/**
 * Lexes the ENRICHED suffix (the text after \x1d): upper-case `KEY=value` pairs whose values are bare,
 * double-quoted, or a braced group such as `SADDR={ saddr_fam=inet laddr=127.0.0.1 lport=9 }`.
 * Returns key -> value (quotes removed, braces kept). Tokens without '=' are ignored.
 */
export function lexEnriched(s: string, start: number, end: number): Record<string, string> {
  const out: Record<string, string> = {};
  let i = start;
  while (i < end) {
    while (i < end && isBreak(s.charCodeAt(i))) i++;
    if (i >= end) break;
    let j = i;
    while (j < end) {
      const c = s.charCodeAt(j);
      if (c === EQ || isBreak(c)) break;
      j++;
    }
    if (j >= end || s.charCodeAt(j) !== EQ) {
      // stray word
      while (j < end && !isBreak(s.charCodeAt(j))) j++;
      i = j;
      continue;
    }
    const key = s.slice(i, j);
    const v = j + 1;
    const q = v < end ? s.charCodeAt(v) : -1;
    if (q === DQUOTE) {
      let close = s.indexOf('"', v + 1);
      if (close < 0 || close >= end) close = end;
      out[key] = s.slice(v + 1, close);
      i = close + 1;
    } else if (q === 123 /* { */) {
      let close = s.indexOf('}', v + 1);
      if (close < 0 || close >= end) close = end - 1;
      out[key] = s.slice(v, close + 1);
      i = close + 1;
    } else {
      let k = v;
      while (k < end && !isBreak(s.charCodeAt(k))) k++;
      out[key] = s.slice(v, k);
      i = k;
    }
  }
  return out;
}
