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

const TAB = 9; // tabs never appear unencoded in a record; be tolerant and treat them as spaces

function isBreak(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * Receives the tokens of a body as offsets into the line, so that a consumer that only copies text out
 * (the JSON writer) allocates nothing per token. `quote` is 0, 34 (") or 39 (').
 */
export interface BodyVisitor {
  field(s: string, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, quote: number, container: string | null): void;
  text(s: string, start: number, end: number, container: string | null): void;
  /** The raw inside of a `key='…'` value that holds nested fields, before they are visited. */
  nested(s: string, start: number, end: number, key: string): void;
}

/** Scans s[start, end) and reports fields and free text to `v`, in order. */
// eslint-disable-next-line max-lines-per-function -- one hot character loop whose states share its locals; split, each token pays a call
export function scanBody(s: string, start: number, end: number, v: BodyVisitor, container: string | null = null): void {
  let i = start;
  let textStart = -1; // start of the current free-text run
  let textEnd = -1; // end of its last word
  let lastWordStart = -1; // start of its last word (for `old auid=`)
  while (i < end) {
    let c = s.charCodeAt(i);
    while (c === SPACE || c === TAB) {
      if (++i >= end) break;
      c = s.charCodeAt(i);
    }
    if (i >= end) break;
    // Scan a key: up to '=' or a break.
    let j = i;
    while (j < end) {
      c = s.charCodeAt(j);
      if (c === EQ || c === SPACE || c === TAB) break;
      j++;
    }
    if (j < end && c === EQ && j > i) {
      let keyStart = i;
      if (textStart >= 0) {
        // `old auid=…` / `new ses=…`: an old kernel's two-word key, kept as written (`old auid`).
        let cut = textEnd;
        if (textEnd === i - 1 && textEnd - lastWordStart === 3) {
          const w = s.charCodeAt(lastWordStart);
          if ((w === 111 && s.startsWith('old', lastWordStart)) || (w === 110 && s.startsWith('new', lastWordStart))) {
            keyStart = lastWordStart;
            cut = lastWordStart;
          }
        }
        emitText(s, textStart, cut, v, container);
        textStart = -1;
      }
      textEnd = -1;
      const vs = j + 1;
      const q = vs < end ? s.charCodeAt(vs) : -1;
      if (q === DQUOTE) {
        let close = s.indexOf('"', vs + 1);
        if (close < 0 || close >= end) close = end; // unterminated: the rest is the value
        v.field(s, keyStart, j, vs + 1, close, DQUOTE, container);
        i = close + 1;
      } else if (q === SQUOTE) {
        // The closing quote is the first ' followed by a break or the end of the body.
        let close = vs + 1;
        for (;;) {
          close = s.indexOf("'", close);
          if (close < 0 || close >= end) {
            close = end;
            break;
          }
          if (close + 1 >= end) break;
          const n = s.charCodeAt(close + 1);
          if (n === SPACE || n === TAB) break;
          close++;
        }
        const eq = container === null ? s.indexOf('=', vs + 1) : -1;
        if (eq >= 0 && eq < close) {
          const key = s.slice(keyStart, j);
          v.nested(s, vs + 1, close, key);
          scanBody(s, vs + 1, close, v, key);
        } else {
          v.field(s, keyStart, j, vs + 1, close, SQUOTE, container);
        }
        i = close + 1;
      } else {
        let k = vs;
        while (k < end) {
          c = s.charCodeAt(k);
          if (c === SPACE || c === TAB) break;
          k++;
        }
        v.field(s, keyStart, j, vs, k, 0, container);
        i = k;
      }
      continue;
    }
    // A free-text word: up to the next break.
    while (j < end) {
      c = s.charCodeAt(j);
      if (c === SPACE || c === TAB) break;
      j++;
    }
    if (textStart < 0) textStart = i;
    lastWordStart = i;
    textEnd = j;
    i = j;
  }
  if (textStart >= 0) emitText(s, textStart, textEnd, v, container);
}

function emitText(s: string, start: number, end: number, v: BodyVisitor, container: string | null): void {
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    if (c !== SPACE && c !== TAB) break;
    end--;
  }
  if (end > start) v.text(s, start, end, container);
}

const QUOTES = ['', '"', "'"] as const;

/** Collects a body into AuditField / TextSegment objects (the record model's lazy parse). */
class Collector implements BodyVisitor {
  constructor(readonly out: LexResult) {}
  field(s: string, ks: number, ke: number, vs: number, ve: number, quote: number, container: string | null): void {
    this.out.fields.push({
      key: s.slice(ks, ke),
      value: s.slice(vs, ve),
      quote: QUOTES[quote === DQUOTE ? 1 : quote === SQUOTE ? 2 : 0],
      container,
    });
  }
  text(s: string, start: number, end: number, container: string | null): void {
    this.out.text.push({ text: s.slice(start, end), container, after: this.out.fields.length - 1 });
  }
  nested(s: string, start: number, end: number, key: string): void {
    if (key === 'msg' && this.out.msg === undefined) this.out.msg = s.slice(start, end);
  }
}

/** Lexes s[start, end) into `out`: fields, free text and the raw inside of `msg='…'`. */
export function lexBody(s: string, start: number, end: number, out: LexResult): void {
  scanBody(s, start, end, new Collector(out));
}

/** Receives one ENRICHED `KEY=value` as offsets (quotes removed, braces kept). */
export type EnrichedVisitor = (s: string, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number) => void;

/**
 * Scans the ENRICHED suffix (the text after \x1d): upper-case `KEY=value` pairs whose values are bare,
 * double-quoted, or a braced group such as `SADDR={ saddr_fam=inet laddr=127.0.0.1 lport=9 }`.
 * Tokens without '=' are skipped.
 */
export function scanEnriched(s: string, start: number, end: number, visit: EnrichedVisitor): void {
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
    if (j >= end || s.charCodeAt(j) !== EQ || j === i) {
      // a stray word
      while (j < end && !isBreak(s.charCodeAt(j))) j++;
      i = j;
      continue;
    }
    const v = j + 1;
    const q = v < end ? s.charCodeAt(v) : -1;
    if (q === DQUOTE) {
      let close = s.indexOf('"', v + 1);
      if (close < 0 || close >= end) close = end;
      visit(s, i, j, v + 1, close);
      i = close + 1;
    } else if (q === 123 /* { */) {
      let close = s.indexOf('}', v + 1);
      if (close < 0 || close >= end) close = end - 1;
      visit(s, i, j, v, close + 1);
      i = close + 1;
    } else {
      let k = v;
      while (k < end && !isBreak(s.charCodeAt(k))) k++;
      visit(s, i, j, v, k);
      i = k;
    }
  }
}

/** The ENRICHED suffix as key -> value (a null-prototype object; a repeated key keeps its last value). */
export function lexEnriched(s: string, start: number, end: number): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  scanEnriched(s, start, end, (t, ks, ke, vs, ve) => {
    out[t.slice(ks, ke)] = t.slice(vs, ve);
  });
  return out;
}
