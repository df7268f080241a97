// A string selector's value as a test on a record's raw text, so that an event which cannot match is dropped
// before its records are cut into fields (for `-k passwd` that is almost every event). The test may say yes
// where the selector later says no, never the reverse: a key= value that holds the text is in the record
// either as itself (quoted, or a `(…)` value kept as is) or hex-encoded (several keys joined by 0x01), and
// the hex digits may be of either case and a last odd digit stands for its byte's high half.

/** Can a record's text hold a selector's value? */
export class Needle {
  /** Finds every place in a text (sticky search state: use through `places`). */
  private readonly scan: RegExp;
  private readonly once: RegExp;

  private constructor(source: string) {
    this.scan = new RegExp(source, 'gi');
    this.once = new RegExp(source, 'i');
  }

  /**
   * The needle for a value compared by substring or whole (-w), or undefined where the test could not be
   * exact: outside printable ASCII, a byte string and a decoded one are not the same text.
   */
  static of(value: string): Needle | undefined {
    if (value === '' || !/^[\x20-\x7e]+$/.test(value)) return undefined;
    let hex = '';
    for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(2, '0');
    // "…70" may be written "…7" at the end of an odd run of digits
    if (hex.endsWith('0')) hex = hex.slice(0, -1);
    return new Needle(`${value.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')}|${hex}`);
  }

  /** True when `text` may hold the value. */
  test(text: string): boolean {
    return this.once.test(text);
  }

  /** Where in `text` it may start, in order. */
  places(text: string): number[] {
    const out: number[] = [];
    const re = this.scan;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m.index);
    return out;
  }
}
