// `tsaudit parse` as a process: formats, stdin, several files, bad input of every kind, EPIPE.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../helpers/cli.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const SMALL = join(CORPUS, 'real-small.log');
const LIVE = join(CORPUS, 'live-stream.log');
const smallText = readFileSync(SMALL, 'utf8');
const smallLines = smallText.split('\n').filter(Boolean);

const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-parse-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function file(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

const GOOD = 'type=CWD msg=audit(1795271987.166:2791513): cwd="/srv/auditlab"';
const GOOD2 = 'type=PROCTITLE msg=audit(1795271987.166:2791513): proctitle="ls"';

describe('tsaudit parse output', () => {
  it('text: every event preceded by ---, every line once, as many events as ausearch (974)', () => {
    const r = runCli(['parse', SMALL]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.split('\n').filter(Boolean);
    expect(out.filter((l) => l === '---')).toHaveLength(974);
    const records = out.filter((l) => l !== '---');
    expect(records.sort()).toEqual([...smallLines].sort());
  });

  it("reads its own text output back: the --- (and ausearch's ----) separators are not bad lines", () => {
    const text = runCli(['parse', LIVE]).stdout;
    const again = runCli(['parse'], { input: text });
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(text);
    const dashes = runCli(['parse'], { input: `----\n${GOOD}\n----\n` });
    expect(dashes.stderr).toBe('');
    expect(dashes.stdout).toBe(`---\n${GOOD}\n`);
  });

  it('-in FILE (go-libaudit auparse style, repeatable) reads like FILE arguments, in order', () => {
    const viaIn = runCli(['parse', '-in', LIVE, '-in', SMALL]);
    const viaArgs = runCli(['parse', LIVE, SMALL]);
    expect(viaIn.status).toBe(0);
    expect(viaIn.stderr).toBe('');
    expect(viaIn.stdout).toBe(viaArgs.stdout);
    expect(viaIn.stdout.split('\n').filter((l) => l === '---')).toHaveLength(574 + 974);
  });

  it('json: one object per record with the header members, syscall and arch by name', () => {
    const r = runCli(['parse', '-format=json', SMALL]);
    expect(r.status).toBe(0);
    const objs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objs).toHaveLength(smallLines.length);
    for (const o of objs) {
      expect(o).toHaveProperty('@timestamp');
      expect(typeof o.sequence).toBe('number');
      expect(typeof o.record_type).toBe('string');
      expect(o.raw_msg).toMatch(/^audit\(\d+\.\d{3}:\d+\): /);
    }
    const execve = objs.find((o) => o.record_type === 'SYSCALL' && o.syscall === 'execve');
    expect(execve).toMatchObject({ arch: 'x86_64', result: 'success' });
    const i386 = objs.find((o) => o.record_type === 'SYSCALL' && o.arch === 'i386');
    expect(i386).toBeDefined();
    const enriched = objs.find((o) => o.record_type === 'USER_CMD');
    expect(enriched?.enriched).toMatchObject({ AUID: 'labuser' });
  });

  it('yaml: one document per record, same content as json', () => {
    const j = runCli(['parse', '--format', 'json', LIVE])
      .stdout.trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const y = runCli(['parse', '--format=yaml', LIVE]);
    expect(y.status).toBe(0);
    const docs = yaml.loadAll(y.stdout);
    expect(docs).toEqual(j);
  });

  it('reads stdin when no file or "-" is given', () => {
    const a = runCli(['parse'], { input: smallText });
    const b = runCli(['parse', '-'], { input: smallText });
    const c = runCli(['parse', SMALL]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(c.stdout);
    expect(b.stdout).toBe(c.stdout);
  });

  it('reads several files as one stream, in order', () => {
    // One assembler spans the files (a rotated log may split an event), so the event count is the sum
    // here only because these files share no events.
    const both = runCli(['parse', '-format=json', LIVE, SMALL]);
    expect(both.status).toBe(0);
    const seqs = both.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { raw_msg: string }).raw_msg);
    const liveLines = readFileSync(LIVE, 'utf8').split('\n').filter(Boolean);
    expect(seqs).toHaveLength(liveLines.length + smallLines.length);
    const text = runCli(['parse', LIVE, SMALL]).stdout;
    expect(text.split('\n').filter((l) => l === '---')).toHaveLength(574 + 974);
    // the first events out are the live stream's (EOE completes them at once)
    expect(text.split('\n')[1]).toBe(liveLines[0]);
  });
});

describe('tsaudit parse bad input', () => {
  it('CRLF line ends parse like LF, and the CR is kept where the line is given as read', () => {
    const crlf = file('crlf.log', `${smallLines.slice(0, 200).join('\r\n')}\r\n`);
    const lf = file('lf.log', `${smallLines.slice(0, 200).join('\n')}\n`);
    const a = runCli(['parse', '-format=json', crlf]);
    expect(a.status).toBe(0);
    expect(a.stderr).toBe('');
    const objs = (out: string) =>
      out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string>);
    const withCr = objs(a.stdout);
    expect(withCr.every((o) => o.raw_msg!.endsWith('\r'))).toBe(true);
    expect(withCr.map((o) => ({ ...o, raw_msg: o.raw_msg!.slice(0, -1) }))).toEqual(objs(runCli(['parse', '-format=json', lf]).stdout));
    const text = runCli(['parse', crlf])
      .stdout.split('\n')
      .filter((l) => l !== '---' && l !== '');
    expect(text.sort()).toEqual(
      smallLines
        .slice(0, 200)
        .map((l) => `${l}\r`)
        .sort(),
    );
  });

  it('binary garbage: every bad line reported as FILE:LINE: reason, good lines still parsed, a summary', () => {
    const garbage = Buffer.concat([
      Buffer.from(`${GOOD}\n`),
      Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 10]),
      Buffer.from(`${GOOD2}\n`),
      Buffer.from('type=SYSCALL msg=audit(\x00:\x00): \n'),
    ]);
    const p = file('garbage.log', garbage);
    const r = runCli(['parse', p]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`---\n${GOOD}\n${GOOD2}\n`);
    const err = r.stderr.trimEnd().split('\n');
    expect(err).toHaveLength(4);
    expect(err[0]).toMatch(new RegExp(`^${p}:2: not an audit record`));
    expect(err[1]).toMatch(new RegExp(`^${p}:3: not an audit record`));
    expect(err[2]).toMatch(new RegExp(`^${p}:5: bad record header`));
    expect(err[3]).toBe(`tsaudit: 3 of 5 lines were not audit records (first at ${p}:2)`);
  });

  it('--strict turns bad lines into exit 1 after printing what parsed', () => {
    const p = file('strict.log', `${GOOD}\nnot a record\n`);
    const r = runCli(['parse', '--strict', p]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`---\n${GOOD}\n`);
    expect(r.stderr).toContain(`${p}:2: not an audit record`);
    expect(r.stderr).toMatch(/tsaudit: 1 of 2 lines were not audit records .*--strict\n$/);
  });

  it('reports the first 1000 bad lines one by one, then says more follow; the summary counts them all', () => {
    const p = file('many-bad.log', `${GOOD}\n${'junk\n'.repeat(1500)}`);
    const r = runCli(['parse', p]);
    expect(r.status).toBe(0);
    const err = r.stderr.trimEnd().split('\n');
    expect(err).toHaveLength(1002);
    expect(err[999]).toBe(`${p}:1001: not an audit record (expected "type=" at column 1): got "junk"`);
    expect(err[1000]).toBe('tsaudit: more bad lines follow; only the first 1000 are shown');
    expect(err[1001]).toBe(`tsaudit: 1500 of 1501 lines were not audit records (first at ${p}:2)`);
  });

  it('--strict on clean input exits 0', () => {
    expect(runCli(['parse', '--strict', LIVE]).status).toBe(0);
  });

  it('a 1 MB line: a garbage one is reported, a record with a 1 MB value is parsed', () => {
    const big = 'x'.repeat(1024 * 1024);
    const bigRecord = `type=USER msg=audit(1.000:9): pid=1 msg='text=${big} res=success'`;
    const p = file('bigline.log', `${GOOD}\n${big}\n${bigRecord}\n${GOOD2}\n`);
    const r = runCli(['parse', '-format=json', p]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^${p}:2: not an audit record .*\\ntsaudit: 1 of 4 lines`));
    const objs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objs.map((o) => o.sequence)).toEqual([9, 2791513, 2791513]);
    expect(objs[0].text).toHaveLength(1024 * 1024);
  });

  it('a truncated last line (no newline) is still read; one cut inside its header is reported', () => {
    const p = file('trunc.log', `${GOOD}\n${GOOD2}`);
    const r = runCli(['parse', p]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`---\n${GOOD}\n${GOOD2}\n`);
    const q = file('trunc2.log', `${GOOD}\n${GOOD2.slice(0, 30)}`);
    const r2 = runCli(['parse', q]);
    expect(r2.stdout).toBe(`---\n${GOOD}\n`);
    expect(r2.stderr).toMatch(new RegExp(`^${q}:2: bad record header`));
  });

  it('an empty file has no audit record: nothing printed, one line saying so, exit 1 (as ausearch)', () => {
    const p = file('empty.log', '');
    for (const format of ['text', 'json', 'yaml']) {
      const r = runCli(['parse', `-format=${format}`, p]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`tsaudit: ${p}: not an audit log: it is empty\n`);
    }
  });

  it('a missing file is a one-line error, exit 1', () => {
    const r = runCli(['parse', join(tmp, 'nope.log')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`tsaudit: cannot read ${join(tmp, 'nope.log')}: no such file\n`);
  });

  it('a bad --format is a usage error', () => {
    const r = runCli(['parse', '-format=xml', SMALL]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tsaudit: .*xml/);
  });
});

describe('tsaudit parse on a live pipe', () => {
  it('prints complete events while the writer is still writing (tail -f | tsaudit parse)', async () => {
    const child = spawn(process.execPath, [BIN, 'parse'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stdin.write(`${smallLines.slice(0, 4).join('\n')}\n`);
    // DAEMON_START, the registration SYSCALL+PROCTITLE and the LOGIN are complete: they must show up
    // although stdin stays open.
    const deadline = Date.now() + 20_000;
    while (!out.includes('type=LOGIN') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(out.split('\n').filter((l) => l === '---')).toHaveLength(3);
    expect(out).toContain(smallLines[3]);
    child.stdin.end();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  });
});

describe('tsaudit parse into a closed pipe', () => {
  const medium = file('medium.log', gunzipSync(readFileSync(join(CORPUS, 'real-medium.log.gz'))));
  it.each(['text', 'json', 'yaml'])('-format=%s | head -1 exits 0 with empty stderr', (format) => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" parse -format=${format} "${medium}" 2>"${tmp}/err-${format}" | head -1; echo "rc=\${PIPESTATUS[0]}"`,
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.stdout).toMatch(/\nrc=0\n$/);
    expect(readFileSync(join(tmp, `err-${format}`), 'utf8')).toBe('');
  });
});
