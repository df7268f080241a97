// JSON text written straight as UTF-8 bytes into one reused Buffer: the record writer (record-json.ts) copies
// keys and values out of the log line character by character instead of slicing them into strings, joining
// those into a record string and encoding that again.
// String literals come out exactly as JSON.stringify writes them: `"` and `\` escaped, \b \t \n \f \r and
// the other control characters below 0x20 as escapes (`\u001d`, lower-case hex), a lone surrogate (an input
// byte that was not UTF-8, see lossless.ts) as `\udce9`, everything else as its UTF-8 bytes.

/** ASCII characters that go into a JSON string as they are (1), and the short escapes of the others. */
const PLAIN = new Uint8Array(128);
for (let c = 32; c < 128; c++) PLAIN[c] = 1;
PLAIN[34] = 0;
PLAIN[92] = 0;
const SHORT_ESCAPES: Record<number, number> = { 8: 98, 9: 116, 10: 110, 12: 102, 13: 114, 34: 34, 92: 92 };
const HEX = '0123456789abcdef';

/**
 * What buf.write(s, offset, encoding) calls after checking its arguments and looking up the encoding by name:
 * a record's few writes are short, and those checks cost about as much as the copy. Through buf.write where a
 * Node lacks them.
 */
interface EncodingWrites {
  latin1Write?(s: string, offset: number): number;
  utf8Write?(s: string, offset: number): number;
}
const proto = Buffer.prototype as EncodingWrites;
const latin1Write =
  typeof proto.latin1Write === 'function'
    ? (b: Buffer, s: string, at: number) => (b as EncodingWrites).latin1Write!(s, at)
    : (b: Buffer, s: string, at: number) => b.write(s, at, 'latin1');
const utf8Write =
  typeof proto.utf8Write === 'function'
    ? (b: Buffer, s: string, at: number) => (b as EncodingWrites).utf8Write!(s, at)
    : (b: Buffer, s: string, at: number) => b.write(s, at, 'utf8');

/** Most bytes one UTF-16 code unit can take in a JSON string (`\u001d`). */
const MAX_PER_UNIT = 6;

export class JsonBytes {
  buf: Buffer;
  /** The same memory as a plain Uint8Array: V8 stores into it faster than into a Buffer. */
  private u8: Uint8Array;
  pos = 0;

  constructor(size = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
    this.u8 = new Uint8Array(this.buf.buffer, this.buf.byteOffset, size);
  }

  /** Starts over; a buffer grown for one huge line is given back. */
  reset(): void {
    this.pos = 0;
    if (this.buf.length > 1 << 20) this.alloc(64 * 1024);
  }

  private alloc(size: number): void {
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    this.u8 = new Uint8Array(next.buffer, next.byteOffset, size);
  }

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n > this.u8.length) this.alloc(Math.max(this.u8.length * 2, this.pos + n));
  }

  /** Text that is already JSON (punctuation, a cached `,"key":"`, a name from a table). */
  raw(s: string): void {
    const n = s.length;
    this.room(n * 3);
    const b = this.u8;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        this.pos = p + this.buf.write(s.slice(i), p, 'utf8');
        return;
      }
      b[p++] = c;
    }
    this.pos = p;
  }

  /** JSON text made by JSON.stringify. */
  json(s: string): void {
    this.room(s.length * 3);
    this.pos += utf8Write(this.buf, s, this.pos);
  }

  /** Bytes made once (a member's `,"key":"`): a typed-array copy costs the same before and after the code is optimized. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.u8.set(b, this.pos);
    this.pos += b.length;
  }

  /** Bytes written before, as copyFrom gave them. */
  copied(bytes: string): void {
    this.room(bytes.length);
    this.pos += latin1Write(this.buf, bytes, this.pos);
  }

  /**
   * A copy of what was written from `start` on, one character per byte (a string on V8's heap costs less to
   * make and to collect than a small Uint8Array with its own backing store).
   */
  copyFrom(start: number): string {
    return this.buf.toString('latin1', start, this.pos);
  }

  /** One ASCII character that needs no escape (`,`, `"`, `}`). */
  byte(c: number): void {
    this.room(1);
    this.u8[this.pos++] = c;
  }

  /** The inside of a JSON string literal: s[from, to) escaped. */
  chars(s: string, from: number, to: number): void {
    this.room((to - from) * MAX_PER_UNIT);
    const b = this.u8;
    let p = this.pos;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c >= 32 && c < 128 && c !== 34 && c !== 92) {
        b[p++] = c;
      } else if (c === 34 || c === 92) {
        b[p++] = 92;
        b[p++] = c;
      } else {
        this.pos = p;
        i = this.special(s, i, to);
        p = this.pos;
      }
    }
    this.pos = p;
  }

  /** A whole string as a JSON string literal (what JSON.stringify(s) gives). */
  str(s: string): void {
    this.byte(34);
    this.chars(s, 0, s.length);
    this.byte(34);
  }

  /** A non-negative integer (a serial number). */
  int(n: number): void {
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    this.room(digits);
    const b = this.u8;
    let p = this.pos + digits;
    this.pos = p;
    do {
      const d = n % 10;
      b[--p] = 48 + d;
      n = (n - d) / 10;
    } while (n > 0);
  }

  /** An ASCII byte that may need an escape (a decoded hex byte below 0x80); room() was made by the caller. */
  asciiByte(c: number): void {
    if (PLAIN[c] === 1) this.u8[this.pos++] = c;
    else this.escape(c);
  }

  /** A character that is not plain ASCII at s[i]; returns the index of its last code unit. */
  private special(s: string, i: number, to: number): number {
    const c = s.charCodeAt(i);
    if (c < 128) {
      this.escape(c);
      return i;
    }
    const b = this.u8;
    if (c < 0x800) {
      b[this.pos++] = 0xc0 | (c >> 6);
      b[this.pos++] = 0x80 | (c & 63);
      return i;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < to ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[this.pos++] = 0xf0 | (cp >> 18);
        b[this.pos++] = 0x80 | ((cp >> 12) & 63);
        b[this.pos++] = 0x80 | ((cp >> 6) & 63);
        b[this.pos++] = 0x80 | (cp & 63);
        return i + 1;
      }
      this.escape(c); // a lone surrogate: JSON.stringify writes it as an escape
      return i;
    }
    b[this.pos++] = 0xe0 | (c >> 12);
    b[this.pos++] = 0x80 | ((c >> 6) & 63);
    b[this.pos++] = 0x80 | (c & 63);
    return i;
  }

  /** `\"`, `\\`, `\n`, … or `\u00XX` / `\udcXX` for code unit c. */
  private escape(c: number): void {
    const b = this.u8;
    b[this.pos++] = 92;
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) {
      b[this.pos++] = short;
      return;
    }
    b[this.pos++] = 117; // u
    b[this.pos++] = HEX.charCodeAt(c >> 12);
    b[this.pos++] = HEX.charCodeAt((c >> 8) & 15);
    b[this.pos++] = HEX.charCodeAt((c >> 4) & 15);
    b[this.pos++] = HEX.charCodeAt(c & 15);
  }
}
