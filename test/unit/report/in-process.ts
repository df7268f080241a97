// tsaudit's report run in this process, as the CLI would run it: the stdout bytes and the exit code.

import { Writable } from 'node:stream';
import { isTsauditError } from '../../../src/errors.js';
import { Output } from '../../../src/format/output.js';
import { type ReportRunOptions, runReport } from '../../../src/report/run.js';

export async function reportInProcess(o: Omit<ReportRunOptions, 'output' | 'report'>): Promise<{ stdout: Buffer; code: number }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  let code: number;
  try {
    code = await runReport({ ...o, output: new Output(sink), report: () => {} });
  } catch (err) {
    if (!isTsauditError(err)) throw err;
    code = err.exitCode;
  }
  return { stdout: Buffer.concat(chunks), code };
}
