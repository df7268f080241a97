// Implementation of `tsaudit status` and `tsaudit set` (loaded lazily by the verbs).

import { writeOne, type FormatName, type Output } from '../format/index.js';
import { AuditClient } from '../netlink/client.js';
import { type StatusReport, readStatusReport, statusPlain, statusText } from './report.js';

export interface StatusOptions {
  format: FormatName;
  interpret?: boolean;
  /** Tests pass a client on a fake transport. */
  client?: AuditClient;
  output?: Output;
}

export async function withClient<T>(given: AuditClient | undefined, fn: (c: AuditClient) => Promise<T>): Promise<T> {
  const client = given ?? (await AuditClient.open());
  try {
    return await fn(client);
  } finally {
    if (!given) client.close();
  }
}

export async function printStatus(report: StatusReport, opts: StatusOptions): Promise<void> {
  await writeOne(opts.format, report, {
    output: opts.output,
    text: (r) => statusText(r, opts.interpret),
    toPlain: (r) => statusPlain(r, opts.interpret),
  });
}

export async function runStatus(opts: StatusOptions): Promise<void> {
  const report = await withClient(opts.client, readStatusReport);
  await printStatus(report, opts);
}
