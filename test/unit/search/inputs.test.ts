// Which logs a search reads (ausearch's rules): -if FILE|DIR, --input-logs, stdin, the system's logs.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planInputs, rotatedLogs, searchConf } from '../../../src/search/inputs.js';

let dir = '';
let logs = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsaudit-search-inputs-'));
  logs = join(dir, 'audit');
  mkdirSync(logs);
  for (const f of ['audit.log', 'audit.log.1', 'audit.log.2', 'audit.log.4']) writeFileSync(join(logs, f), '');
  writeFileSync(
    join(dir, 'auditd.conf'),
    `# comment\nlog_file = ${join(logs, 'audit.log')}\nend_of_event_timeout = 5\nlog_format = ENRICHED\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('search inputs', () => {
  it('auditd.conf: log_file and end_of_event_timeout; defaults without the file', () => {
    expect(searchConf(join(dir, 'auditd.conf'))).toEqual({ logFile: join(logs, 'audit.log'), eoeTimeout: 5 });
    expect(searchConf(join(dir, 'missing.conf'))).toEqual({ logFile: '/var/log/audit/audit.log', eoeTimeout: 2 });
  });

  it('an end_of_event_timeout of 0 gives the default of 2', () => {
    writeFileSync(join(dir, 'zero.conf'), 'end_of_event_timeout = 0\n');
    expect(searchConf(join(dir, 'zero.conf')).eoeTimeout).toBe(2);
  });

  it('rotations are counted up from .1 while readable (a gap ends them), oldest first', () => {
    const log = join(logs, 'audit.log');
    expect(rotatedLogs(log)).toEqual([`${log}.2`, `${log}.1`, log]);
    expect(rotatedLogs(join(dir, 'none.log'))).toEqual([]);
  });

  const conf = () => searchConf(join(dir, 'auditd.conf'));
  const log = () => join(logs, 'audit.log');

  it('-if FILE and -if DIR, in the order given', () => {
    const file = join(dir, 'auditd.conf');
    const plan = planInputs({ input: [file, logs] }, conf(), () => true);
    expect(plan.files).toEqual([file, `${log()}.2`, `${log()}.1`, log()]);
    expect(plan.note).toBe(`NOTE - using logs in ${log()}`);
  });

  it('stdin when it has data and no -if / --input-logs; else the system logs', () => {
    expect(planInputs({}, conf(), () => true).files).toEqual(['-']);
    expect(planInputs({}, conf(), () => false).files).toEqual([`${log()}.2`, `${log()}.1`, log()]);
    expect(planInputs({ inputLogs: true }, conf(), () => true).files).toEqual([`${log()}.2`, `${log()}.1`, log()]);
  });

  it('-if of a missing path: exit 1 naming it', () => {
    expect(() => planInputs({ input: [join(dir, 'nope')] }, conf())).toThrow(/-if .*nope: no such file or directory/);
  });
});
