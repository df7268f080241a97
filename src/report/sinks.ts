// Where a report's results go: aureport's text (byte-identical), or the same rows as named columns
// (JSON lines, YAML documents, CSV, or boxed tables on a terminal), or a timeline. Each sink streams:
// rows are written as they are found; tables are drawn a page of rows at a time.

import { Output } from '../format/output.js';
import { color, isInteractive } from '../format/color.js';
import { type Cell, type DetailRow, type SummaryCounters, type SummaryEntry, summaryStyle } from './engine.js';
import { type EscapeMode, KINDS, type ReportKind } from './kinds.js';
import { cDate, cDateMs, countersText, NO_EVENTS, rowText, summaryText, timeRangeText, titleText } from './text.js';

export type ReportFormat = 'text' | 'json' | 'yaml' | 'csv' | 'table';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'yaml', 'csv', 'table'];

export interface ReportSink {
  /** Before any input is read (aureport prints its title first). */
  title(): void;
  row(row: DetailRow): boolean;
  timeRange(file: string, first: [number, number] | undefined, last: [number, number] | undefined): void;
  summaryList(entries: SummaryEntry[]): void;
  counters(c: SummaryCounters): void;
  /** A detailed report found nothing. */
  noEvents(): void;
  ready(): Promise<void>;
  end(): Promise<void>;
}

export interface SinkOptions {
  kind: ReportKind;
  summary: boolean;
  failed: boolean;
  success: boolean;
  output?: Output;
  /** --escape: how text output escapes values (aureport's default: tty). JSON, YAML and CSV quote on their own. */
  escape?: EscapeMode;
}

export class TextSink implements ReportSink {
  private readonly out: Output;
  constructor(private readonly o: SinkOptions) {
    this.out = o.output ?? new Output();
    this.out.ascii = true; // latin1 strings: one char per byte
  }
  title(): void {
    this.out.write(titleText(this.o).text);
  }
  row(row: DetailRow): boolean {
    return this.out.write(rowText(this.o.kind, row, this.o.escape));
  }
  timeRange(file: string, first: [number, number] | undefined, last: [number, number] | undefined): void {
    this.out.write(timeRangeText(file, first, last));
  }
  summaryList(entries: SummaryEntry[]): void {
    this.out.write(summaryText(summaryStyle(this.o.kind), entries, this.o.escape));
  }
  counters(c: SummaryCounters): void {
    this.out.write(countersText(c));
  }
  noEvents(): void {
    this.out.write(NO_EVENTS);
  }
  ready(): Promise<void> {
    return this.out.ready();
  }
  end(): Promise<void> {
    return this.out.end();
  }
}

/** Latin1 strings carry the input's bytes; structured output wants the text they spell (UTF-8 logs). */
export function textOf(v: string): string {
  return /[\x80-\xff]/.test(v) ? Buffer.from(v, 'latin1').toString('utf8') : v;
}

const cellValue = (v: Cell): string | number | null => (v === undefined ? null : typeof v === 'number' ? v : textOf(v));

/** The column names of a result, in order. */
export function columnsOf(o: { kind: ReportKind; summary: boolean }): string[] {
  if (o.kind === 'time') return ['file', 'first', 'last'];
  if (o.kind === 'summary') return [];
  if (o.summary) return ['total', KINDS[o.kind].summary!.column];
  return ['no', 'date', 'time', ...KINDS[o.kind].detail!.columns];
}

/** A detailed row as named columns. */
export function rowObject(kind: ReportKind, row: DetailRow): Record<string, string | number | null> {
  const cols = KINDS[kind].detail!.columns;
  const [date, time] = cDate(row.sec).split(' ');
  const obj: Record<string, string | number | null> = { no: row.n, date: date!, time: time! };
  for (let i = 0; i < cols.length; i++) obj[cols[i]!] = cellValue(row.cells[i]);
  return obj;
}

export function summaryObject(kind: ReportKind, e: SummaryEntry): Record<string, string | number | null> {
  return { total: e.total, [KINDS[kind].summary!.column]: cellValue(e.value) };
}

export function countersObject(c: SummaryCounters): Record<string, string | number> {
  const { range, selected, ...counts } = c;
  return {
    range_start: cDateMs(range.first[0], range.first[1]),
    range_end: cDateMs(range.last[0], range.last[1]),
    selected_start: selected.start !== undefined ? cDate(selected.start) : cDate(range.first[0]),
    selected_end: selected.end !== undefined ? cDate(selected.end) : cDateMs(range.last[0], range.last[1]),
    ...counts,
  };
}

type Plain = Record<string, string | number | null>;

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** JSON lines, YAML documents, CSV, or tables: one object per row. */
export class ObjectSink implements ReportSink {
  private readonly out: Output;
  private serialize: ((o: Plain) => string) | undefined;
  private headerDone = false;
  private page: Plain[] = [];
  constructor(
    private readonly o: SinkOptions,
    private readonly format: Exclude<ReportFormat, 'text'>,
  ) {
    this.out = o.output ?? new Output();
  }
  async init(): Promise<void> {
    if (this.format === 'yaml') {
      const yaml = await import('js-yaml');
      this.serialize = (o) => `---\n${yaml.dump(o, { lineWidth: -1, noRefs: true })}`;
    } else if (this.format === 'json') this.serialize = (o) => `${JSON.stringify(o)}\n`;
    else if (this.format === 'table') {
      const { default: Table } = await import('cli-table3');
      const c = color();
      this.table = (head, rows) => {
        const t = new Table({
          head: head.map((h) => (isInteractive() ? c.bold(h) : h)),
          style: { head: [], border: [] },
          // no rule between rows: a report has thousands
          chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
        });
        for (const r of rows) t.push(head.map((h) => (r[h] === null || r[h] === undefined ? '' : String(r[h]))));
        return `${t.toString()}\n`;
      };
    }
  }
  private table: ((head: string[], rows: Plain[]) => string) | undefined;
  title(): void {}
  emit(o: Plain): boolean {
    if (this.format === 'csv') {
      let s = '';
      if (!this.headerDone) {
        this.headerDone = true;
        s += `${Object.keys(o).map(csvCell).join(',')}\n`;
      }
      return this.out.write(`${s}${Object.values(o).map(csvCell).join(',')}\n`);
    }
    if (this.format === 'table') {
      this.page.push(o);
      if (this.page.length >= 1000) this.flushPage();
      return true;
    }
    return this.out.write(this.serialize!(o));
  }
  private flushPage(): void {
    if (this.page.length === 0) return;
    this.out.write(this.table!(Object.keys(this.page[0]!), this.page));
    this.page = [];
  }
  row(row: DetailRow): boolean {
    return this.emit(rowObject(this.o.kind, row));
  }
  timeRange(file: string, first: [number, number] | undefined, last: [number, number] | undefined): void {
    this.emit({ file: textOf(file), first: first ? cDateMs(first[0], first[1]) : null, last: last ? cDateMs(last[0], last[1]) : null });
  }
  summaryList(entries: SummaryEntry[]): void {
    for (const e of entries) this.emit(summaryObject(this.o.kind, e));
  }
  counters(c: SummaryCounters): void {
    const obj = countersObject(c);
    if (this.format === 'table') {
      this.out.write(
        this.table!(
          ['counter', 'value'],
          Object.entries(obj).map(([counter, value]) => ({ counter, value })),
        ),
      );
      return;
    }
    this.emit(obj);
  }
  noEvents(): void {}
  ready(): Promise<void> {
    return this.out.ready();
  }
  async end(): Promise<void> {
    this.flushPage();
    await this.out.end();
  }
}
