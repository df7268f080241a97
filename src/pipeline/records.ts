// Stage: lines -> records. Splits an input's bytes into lines (LineSplitter) and parses each (parseRecord).
// Bad lines are reported as `NAME:LINE: reason` (the first `maxReported` one by one), counted, and skipped;
// the caller decides at the end whether they fail the run.

import { LineSplitter } from '../parse/lines.js';
import { parseRecord, type AuditRecord } from '../parse/record.js';

export interface LineCounts {
  lines: number;
  records: number;
  bad: number;
  /** `---` (tsaudit's text output) and `----` (ausearch's) event separators: known, and skipped */
  separators: number;
  /** NAME:LINE of the first bad line ('' when none) */
  firstBad: string;
}

const isSeparator = (line: string) => line === '---' || line === '----';
/** ausearch's `time->Sat Nov 21 14:39:47 2026` line after each `----` */
const isTimeLine = (line: string) => line.startsWith('time->');

export class RecordReader {
  readonly counts: LineCounts = { lines: 0, records: 0, bad: 0, separators: 0, firstBad: '' };
  private splitter: LineSplitter | undefined;

  constructor(
    private readonly onRecord: (record: AuditRecord) => void,
    private readonly report: (line: string) => void,
    private readonly maxReported = 1000,
    /** A `---` / `----` line: the events before it are complete (EventAssembler.boundary). */
    private readonly onSeparator: () => void = () => {},
  ) {}

  /** A new input starts (line numbers restart). */
  begin(name: string): void {
    const c = this.counts;
    this.splitter = new LineSplitter((line, lineNo, overlong) => {
      if (!overlong && (isSeparator(line) || isTimeLine(line))) {
        // the text output of tsaudit parse/stream (and ausearch's) can be read back: `tsaudit stream | tsaudit parse -i`
        c.separators++;
        if (line.charCodeAt(0) === 45) this.onSeparator();
        return;
      }
      const r = overlong ? undefined : parseRecord(line);
      if (r !== undefined && r.kind === 'record') {
        c.records++;
        this.onRecord(r);
        return;
      }
      const reason = overlong ? `line too long (${overlong.bytes} bytes), skipped` : r!.reason;
      c.bad++;
      if (c.bad === 1) c.firstBad = `${name}:${lineNo}`;
      if (c.bad <= this.maxReported) this.report(`${name}:${lineNo}: ${reason}`);
      else if (c.bad === this.maxReported + 1) this.report(`tsaudit: more bad lines follow; only the first ${this.maxReported} are shown`);
    });
  }

  push(chunk: Buffer): void {
    this.splitter!.push(chunk);
  }

  /** The current input ended (a last line without a newline still counts). */
  endInput(): void {
    const sp = this.splitter!;
    sp.end();
    this.counts.lines += sp.lines;
    this.splitter = undefined;
  }
}
