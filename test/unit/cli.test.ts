import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemLogFile, systemLogFiles } from '../../src/pipeline/system-logs.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { hasScript, inTerminal, shq } from '../helpers/terminal.js';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };

describe('tsaudit process behaviour', () => {
  it('--version prints the package version', () => {
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--help exits 0 and shows usage', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tsaudit/);
  });

  it.each([['--bogus'], ['-bogus'], ['no-such-verb']])('%s is a one-line usage error, exit 2', (arg) => {
    const r = runCli([arg]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tsaudit: .+\n$/);
    expect(r.stderr).toContain(arg);
  });

  it('suggests the closest verb for a mistyped one', () => {
    const r = runCli(['stauts']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("tsaudit: unknown command 'stauts' (Did you mean status?)\n");
  });
});

// The surprises of a first session (issue 19), each as a process.
const SMALL = `${ROOT}test/fixtures/corpus/real-small.log`;

describe('unknown verbs and help', () => {
  it.each([
    [['pars', 'x.log'], "tsaudit: unknown command 'pars' (Did you mean parse?)\n"],
    [['help', 'pars'], "tsaudit: unknown command 'pars' (Did you mean parse?)\n"],
    [['rules', 'lst'], "tsaudit: unknown command 'lst' (Did you mean list?)\n"],
    [['rules', 'help', 'lst'], "tsaudit: unknown command 'lst' (Did you mean list?)\n"],
  ])('tsaudit %j: one line with a suggestion, exit 2', (args, stderr) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
  });

  it.each([
    [['help', 'parse'], /^Usage: tsaudit parse \[options\] \[files\.\.\.\]\n/],
    [['help', 'rules'], /^Usage: tsaudit rules \[options\] \[command\]\n/],
    [['rules', 'help', 'list'], /^Usage: tsaudit rules list \[options\]\n/],
    [['help'], /^Usage: tsaudit \[options\] <command>/],
  ])('tsaudit %j prints that help, exit 0', (args, usage) => {
    const r = runCli(args);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(usage);
  });

  it('tsaudit help VERB prints what tsaudit VERB --help prints', () => {
    expect(runCli(['help', 'parse']).stdout).toBe(runCli(['parse', '--help']).stdout);
  });
});

describe('Go-style booleans and case-insensitive values', () => {
  const plain = runCli(['parse', SMALL]);
  const json = runCli(['parse', '-format=json', SMALL]);

  it.each([[['-i=false']], [['-i=0']], [['--interpret=false']], [['-interpret=no']]])('parse %j FILE is parse FILE', (flags) => {
    const r = runCli(['parse', ...flags, SMALL]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
  });

  it('parse -i=true FILE is parse -i FILE', () => {
    expect(runCli(['parse', '-i=true', SMALL]).stdout).toBe(runCli(['parse', '-i', SMALL]).stdout);
  });

  it.each([[['-format=JSON']], [['--format', 'Json']], [['-f', 'JSON']], [['-f=json']]])(
    'parse %j FILE is parse -format=json FILE',
    (flags) => {
      const r = runCli(['parse', ...flags, SMALL]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(json.stdout);
    },
  );

  it('completion BASH is completion bash', () => {
    const r = runCli(['completion', 'BASH']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(runCli(['completion', 'bash']).stdout);
  });

  it('-i=maybe is a one-line usage error naming the flag', () => {
    const r = runCli(['parse', '-i=maybe', SMALL]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('tsaudit: flag -i takes true or false, got "maybe"\n');
  });

  it('an unknown format is still refused, whatever its case', () => {
    const r = runCli(['parse', '-format=XML', SMALL]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tsaudit: flag --format: expected one of text, json, yaml, ecs, got "XML"\n');
  });
});

describe('local time in text, UTC in JSON', () => {
  const berlin = { TZ: 'Europe/Berlin' };

  it('parse -i text prints local time with its offset (ausearch prints local time)', () => {
    const r = runCli(['parse', '-i', SMALL], { env: berlin });
    expect(r.status).toBe(0);
    const first = r.stdout.split('\n')[0]!;
    // the log's first event is at 1795271986.032 = 2026-11-21T14:39:46.032Z, 15:39 in Berlin in November
    expect(first).toMatch(/^2026-11-21T15:39:46\.032\+01:00 4069 /);
  });

  it('--utc prints what TZ=UTC prints, whatever TZ is', () => {
    const utc = runCli(['parse', '-i', '--utc', SMALL], { env: berlin });
    const inUtcZone = runCli(['parse', '-i', SMALL], { env: { TZ: 'UTC' } });
    expect(utc.stdout).toBe(inUtcZone.stdout);
    expect(utc.stdout.split('\n')[0]).toMatch(/^2026-11-21T14:39:46\.032Z 4069 /);
  });

  it('the same events, only the times differ', () => {
    const local = runCli(['parse', '-i', SMALL], { env: { TZ: 'America/New_York' } }).stdout.split('\n');
    const utc = runCli(['parse', '-i', '--utc', SMALL]).stdout.split('\n');
    expect(local.length).toBe(utc.length);
    expect(local.map((l) => l.replace(/^\S+ /, ''))).toEqual(utc.map((l) => l.replace(/^\S+ /, '')));
    expect(local[0]).toMatch(/^2026-11-21T09:39:46\.032-05:00 /);
  });

  it.each([['json'], ['yaml']])('-i -format=%s keeps @timestamp in UTC', (format) => {
    const here = runCli(['parse', '-i', `-format=${format}`, SMALL], { env: berlin });
    expect(here.stdout).toBe(runCli(['parse', '-i', `-format=${format}`, SMALL]).stdout);
    expect(here.stdout).toContain('2026-11-21T14:39:46.032Z');
  });

  it('raw JSON records keep @timestamp in UTC', () => {
    expect(runCli(['parse', '-format=json', SMALL], { env: berlin }).stdout).toBe(runCli(['parse', '-format=json', SMALL]).stdout);
  });

  it('parse and stream both offer --utc', () => {
    for (const verb of ['parse', 'stream']) expect(runCli([verb, '--help']).stdout).toMatch(/--utc\s+with -i, print text times in UTC/);
  });
});

describe.skipIf(!hasScript())('parse with no input on a terminal reads the system logs, as ausearch does', () => {
  const tsaudit = `${shq(process.execPath)} ${shq(BIN)}`;

  it('reads what systemLogFiles() finds, or says in one line why it cannot', () => {
    const t = inTerminal(`${tsaudit} parse -format=json`);
    let files: string[] | undefined;
    let why = '';
    try {
      files = systemLogFiles();
    } catch (err) {
      why = (err as Error).message;
    }
    if (files === undefined) {
      // this machine has no readable audit log (auditd not running): the one-line error, exit 1
      expect(t.status).toBe(1);
      expect(t.screen).toBe(`tsaudit: ${why}\n`);
      expect(why).toMatch(/^no input given and cannot read the system's audit log \/\S+: .+; name a log file or pipe one in$/);
    } else {
      const expected = runCli(['parse', '-format=json', ...files]);
      expect(t.status).toBe(expected.status);
      expect(t.screen).toBe(expected.stdout + expected.stderr);
    }
  });

  it('as a user who may not read the system logs: one line saying so, exit 1, no hang', ({ skip }) => {
    if (process.getuid?.() !== 0) skip('needs root to run a process as nobody');
    const asNobody = 'setpriv --reuid=nobody --regid=nogroup --clear-groups';
    if (inTerminal(`${asNobody} ${tsaudit} --version`).status !== 0)
      skip('user nobody cannot run this checkout (setpriv or directory permissions)');
    const log = systemLogFile();
    const t = inTerminal(`${asNobody} ${tsaudit} parse`, { timeout: 20_000 });
    expect(t.status).toBe(1);
    expect(t.screen).toBe(
      `tsaudit: no input given and cannot read the system's audit log ${log}: permission denied (run as root); name a log file or pipe one in\n`,
    );
  });

  it('does not wait for a terminal: it ends by itself', () => {
    const t = inTerminal(`${tsaudit} parse -i`, { timeout: 20_000 });
    expect(t.status === 0 || t.status === 1).toBe(true);
  });

  it('still reads stdin when it is a pipe', () => {
    const t = inTerminal(`cat ${shq(SMALL)} | ${tsaudit} parse -format=json | wc -l`);
    expect(t.status).toBe(0);
    expect(t.screen.trim()).toBe(runCli(['parse', '-format=json', SMALL]).stdout.split('\n').length - 1 + '');
  });

  it('an explicit file on a terminal is read as given', () => {
    const t = inTerminal(`${tsaudit} parse ${shq(SMALL)} | head -2`);
    expect(t.screen).toBe(runCli(['parse', SMALL]).stdout.split('\n').slice(0, 2).join('\n') + '\n');
  });
});

describe.skipIf(!hasScript())('progress on long reads: a terminal only', () => {
  const tsaudit = `${shq(process.execPath)} ${shq(BIN)}`;
  // A read that takes about 1.5 s: a FIFO fed with the log, a pause, and the log again. The size of a
  // FIFO is unknown, so the line shows the bytes read without a total.
  const slowRead = (parse: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'tsaudit-progress-'));
    const fifo = join(dir, 'fifo');
    return `mkfifo ${shq(fifo)} && { cat ${shq(SMALL)}; sleep 1.5; cat ${shq(SMALL)}; } > ${shq(fifo)} & ${tsaudit} ${parse.replace('FIFO', shq(fifo))}; rc=$?; wait; exit $rc`;
  };
  const LINE = /\rtsaudit: \d+\.\d MB, [\d,]+ events\/s\x1b\[K/;

  it('shows a progress line on stderr while it reads, and erases it at the end', () => {
    const t = inTerminal(slowRead('parse -format=json FIFO > /dev/null'));
    expect(t.status).toBe(0);
    expect(t.raw).toMatch(LINE);
    // events were counted: the first copy of the log is 974 events
    const rates = [...t.raw.matchAll(/tsaudit: ([\d.]+) MB, ([\d,]+) events\/s/g)];
    expect(Number(rates.at(-1)![1])).toBeGreaterThanOrEqual(1.1);
    expect(Number(rates.at(-1)![2]!.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(t.raw.endsWith('\r\x1b[K')).toBe(true);
  });

  it('with -i on worker threads too', () => {
    const t = inTerminal(slowRead('parse -i -format=json FIFO > /dev/null'), { env: { TSAUDIT_WORKERS: '2' } });
    expect(t.status).toBe(0);
    expect(t.raw).toMatch(LINE);
  });

  it('nothing with --quiet', () => {
    const t = inTerminal(slowRead('parse --quiet -format=json FIFO > /dev/null'));
    expect(t.status).toBe(0);
    expect(t.raw).toBe('');
  });

  it('nothing when stdout is a pipe', () => {
    const t = inTerminal(slowRead('parse -format=json FIFO | wc -l'));
    expect(t.screen.trim()).toMatch(/^\d+$/);
  });

  it('nothing when stderr is not a terminal', () => {
    const t = inTerminal(slowRead('parse -format=json FIFO 2>&1 >/dev/null | wc -c'));
    expect(t.screen.trim()).toBe('0');
  });

  it('a short read shows nothing', () => {
    // a few events, read in far less than the 1 s delay even when the machine is busy (1 MB took 1.7 s so)
    const few = join(mkdtempSync(join(tmpdir(), 'tsaudit-short-')), 'few.log');
    writeFileSync(few, readFileSync(SMALL, 'latin1').split('\n').slice(0, 40).join('\n') + '\n', 'latin1');
    const t = inTerminal(`${tsaudit} parse -format=json ${shq(few)} > /dev/null`);
    expect(t.status).toBe(0);
    expect(t.raw).toBe('');
  });
});
