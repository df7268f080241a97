// Stages lines -> records (records.ts) -> events (the EventAssembler of src/parse/reassemble.ts), for one
// input after another, in this thread. The core of `parse` in-thread and of each interpretation worker.

import type { AuditEvent, AssemblerOptions } from '../parse/reassemble.js';
import { EventAssembler } from '../parse/reassemble.js';
import { type LineCounts, RecordReader } from './records.js';

export type LogCounts = LineCounts & { events: number };

export class LogEventReader {
  private readonly asm: EventAssembler;
  private readonly records: RecordReader;

  constructor(onEvent: (event: AuditEvent) => void, report: (line: string) => void, maxReported = 1000, assembler?: AssemblerOptions) {
    this.asm = new EventAssembler(onEvent, assembler);
    const asm = this.asm;
    this.records = new RecordReader(
      (r) => asm.push(r),
      report,
      maxReported,
      () => asm.boundary(),
    );
  }

  begin(name: string): void {
    this.records.begin(name);
  }

  push(chunk: Buffer): void {
    this.records.push(chunk);
  }

  /** Lets complete events that wait only for more input go out (see EventAssembler.release). */
  release(): void {
    this.asm.release();
  }

  endInput(): void {
    this.records.endInput();
  }

  /** End of all input: every open event completes. */
  finish(): LogCounts {
    this.asm.flush();
    const c = this.records.counts;
    return {
      lines: c.lines,
      records: c.records,
      events: this.asm.stats.events,
      bad: c.bad,
      separators: c.separators,
      firstBad: c.firstBad,
    };
  }
}
