// Tables: boxed (cli-table3, loaded lazily) on a terminal, plain aligned columns otherwise so that
// scripts can split on whitespace.

import { isInteractive } from './color.js';

export async function renderTable(head: string[], rows: string[][], opts: { boxed?: boolean } = {}): Promise<string> {
  if (opts.boxed ?? isInteractive()) {
    const { default: Table } = await import('cli-table3');
    const table = new Table({ head, style: { head: [], border: [] } });
    table.push(...rows);
    return `${table.toString()}\n`;
  }
  return plainTable(head, rows);
}

export function plainTable(head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
