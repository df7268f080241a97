// A string selector's value as a test on a record's raw text, so that an event which cannot match is dropped
// before its records are cut into fields (for `-k passwd` that is almost every event). The test may say yes
// where the selector later says no, never the reverse: a key= value that holds the text is in the record
// either as itself (quoted, or a `(…)` value kept as is) or hex-encoded (several keys joined by 0x01), and
// the hex digits may be of either case and a last odd digit stands for its byte's high half. A read block is
// searched once per needle with Buffer.indexOf (no text is made of it), then each record asks for a place
// inside it.

/**
 * A test on a record's raw text that may say yes where a selector later says no, never the reverse: what
 * lets an event be dropped before its records are cut into fields.
 */
export interface Marks {
  /** True when `text` may hold what the selector looks for. */
  test(text: string): boolean;
  /** Where in `buf`, before `end`, something the selector looks for may start, in order. */
  places(buf: Buffer, end: number): number[];
}

/** Can a record's text hold a selector's value? */
export class Needle implements Marks {
  private readonly once: RegExp;
  /** The value's bytes (a quoted or `(…)` value is compared as it is: case matters). */
  private readonly bytes: Buffer;
  /** Its hex, lower case, without a last '0' digit. */
  private readonly hex: string;
  /** The longest run of decimal digits in `hex` (the same in either case) and where it starts in `hex`. */
  private readonly anchor: Buffer;
  private readonly anchorAt: number;

  private constructor(value: string) {
    let hex = '';
    for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(2, '0');
    // "…70" may be written "…7" at the end of an odd run of digits
    if (hex.endsWith('0')) hex = hex.slice(0, -1);
    this.once = new RegExp(`${value.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')}|${hex}`, 'i');
    this.bytes = Buffer.from(value, 'latin1');
    this.hex = hex;
    const runs = hex.match(/[0-9]+/g) ?? [''];
    const longest = runs.reduce((a, b) => (b.length > a.length ? b : a));
    this.anchor = Buffer.from(longest, 'latin1');
    this.anchorAt = hex.indexOf(longest);
  }

  /**
   * The needle for a value compared by substring or whole (-w), or undefined where the test could not be
   * exact: outside printable ASCII, a byte string and a decoded one are not the same text.
   */
  static of(value: string): Needle | undefined {
    if (value === '' || !/^[\x20-\x7e]+$/.test(value)) return undefined;
    return new Needle(value);
  }

  /** True when `text` may hold the value. */
  test(text: string): boolean {
    return this.once.test(text);
  }

  /** Where in `buf`, before `end`, the value may start, in order. */
  places(buf: Buffer, end: number): number[] {
    const out: number[] = [];
    const b = this.bytes;
    const filled = buf.subarray(0, end); // a pooled block: what lies past `end` is an older block's
    for (let p = filled.indexOf(b); p >= 0; p = filled.indexOf(b, p + 1)) out.push(p);
    if (this.anchor.length < 4) {
      // no run of digits long enough to look for: read the block as text (values such as "fe" only)
      this.hexByText(buf, end, out);
    } else {
      // the digits are the same in either case: find them, then compare the whole hex ignoring case
      const a = this.anchor;
      for (let p = buf.indexOf(a); p >= 0 && p < end; p = buf.indexOf(a, p + 1)) {
        const start = p - this.anchorAt;
        if (start >= 0 && start + this.hex.length <= end && this.hexAt(buf, start)) out.push(start);
      }
    }
    return out.sort((x, y) => x - y);
  }

  private hexAt(buf: Buffer, at: number): boolean {
    const h = this.hex;
    for (let i = 0; i < h.length; i++) {
      const c = buf[at + i]!;
      if ((c >= 65 && c <= 70 ? c + 32 : c) !== h.charCodeAt(i)) return false;
    }
    return true;
  }

  private hexByText(buf: Buffer, end: number, out: number[]): void {
    const re = new RegExp(this.hex, 'gi');
    const text = buf.toString('latin1', 0, end);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push(m.index);
      re.lastIndex = m.index + 1;
    }
  }
}
