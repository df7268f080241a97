// -sv no as a test on a record's raw text, so that a successful event is dropped before its records are cut
// into fields (for `-m SYSCALL -sv no` that is most SYSCALL events), as needle.ts does for -k. An event's
// success starts unset and is a failure only if one of its records' scans wrote S_FAILED, and every scan
// that can (src/audit-fields/extract.ts) needs one of these in the record's text:
//   success=  a SYSCALL's value up to a space, failed unless it is "yes"
//   res=      whatever follows: the numeric scans read it with strtoul, for which "success" is 0
//   result=   the word of older user-space programs
//   denied    an AVC's result
// So a record holding none of them cannot make its event a failure. The test may say yes where the
// selector says no (a later record may set success again), never the reverse.

import type { Marks } from './needle.js';

const SUCCESS = Buffer.from('success=', 'latin1');
const OTHERS = ['res=', 'result=', 'denied'].map((w) => Buffer.from(w, 'latin1'));

/** Can a record make its event a failure (ausearch -sv no)? */
export class FailureMarks implements Marks {
  private readonly once = /success=(?!yes )|res=|result=|denied/;

  test(text: string): boolean {
    return this.once.test(text);
  }

  places(buf: Buffer, end: number): number[] {
    const filled = buf.subarray(0, end); // a pooled block: what lies past `end` is an older block's
    let out: number[] = [];
    for (let p = filled.indexOf(SUCCESS); p >= 0; p = filled.indexOf(SUCCESS, p + 1)) if (!yesAt(filled, p + 8, end)) out.push(p);
    for (const w of OTHERS) {
      const at: number[] = [];
      for (let p = filled.indexOf(w); p >= 0; p = filled.indexOf(w, p + 1)) at.push(p);
      if (at.length > 0) out = merge(out, at);
    }
    return out;
  }
}

/** "yes " at `v` (before `end`). */
function yesAt(buf: Buffer, v: number, end: number): boolean {
  return v + 4 <= end && buf[v] === 121 && buf[v + 1] === 101 && buf[v + 2] === 115 && buf[v + 3] === 32;
}

/** Two ascending lists as one. */
function merge(a: number[], b: number[]): number[] {
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! <= b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
