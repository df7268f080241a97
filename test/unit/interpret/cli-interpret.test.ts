// `tsaudit parse -i`: normalized events as JSON/YAML/text through the real CLI (bin/tsaudit -> dist/).

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../../helpers/cli.js';

const SMALL = 'test/fixtures/corpus/real-small.log';
const RAW = 'test/fixtures/corpus/real-small-raw.log';

describe('tsaudit parse -i', () => {
  it('-format=json writes one normalized event per line', () => {
    const r = runCli(['parse', '-i', '-format=json', '-id=false', SMALL]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(974); // ausearch's event count for this file
    const evs = lines.map((l) => JSON.parse(l));
    const exec = evs.find((e) => e.sequence === 2791511 && e.record_type === 'syscall');
    expect(exec.summary).toMatchObject({ action: 'executed', object: { type: 'file', primary: '/bin/echo' } });
    expect(exec.process.args).toEqual(['/bin/echo', 'héllo wörld', '日本語テキスト', 'emoji 🚀']);
    expect(exec.user.names.auid).toBe('labuser'); // from the ENRICHED suffix, even with -id=false
  });

  it('-id=false keeps RAW ids numeric; the default resolves them on this host', () => {
    const off = runCli(['parse', '-i', '-format=json', '-id=false', RAW]);
    expect(off.status).toBe(0);
    const offEvs = off.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(offEvs.every((e) => e.user.names === undefined)).toBe(true);
    const on = runCli(['parse', '-i', '--format', 'json', RAW]);
    const onEvs = on.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    // uid 0 is root on every Linux host
    const rootUid = onEvs.find((e) => e.user.ids?.uid === '0');
    expect(rootUid.user.names.uid).toBe('root');
    const noId = runCli(['parse', '-i', '--no-id', '-format=json', RAW]);
    expect(noId.stdout).toBe(off.stdout);
  });

  it('interprets data fields as ausearch -i: capability sets, SECCOMP code and signal, rule list', () => {
    const r = runCli(['parse', '-i', '-format=json', '-id=false', RAW]);
    expect(r.status).toBe(0);
    const evs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const fcaps = evs.filter((e) => e.data?.fp !== undefined);
    expect(fcaps.length).toBeGreaterThan(200);
    const full = fcaps.find((e) => e.data.pe !== 'none');
    expect(full.data.pe).toMatch(/^chown,dac_override,dac_read_search,fowner,.*,checkpoint_restore$/);
    expect(full.data.old_pp).toBe(full.data.pe);
    expect(full.data.fp).toBe('none');
    const codes = new Set(evs.filter((e) => e.record_type === 'seccomp').map((e) => `${e.data.code} ${e.data.sig}`));
    expect([...codes].sort()).toEqual(['kill-process SIGSYS', 'log SIG0']);
    expect(evs.find((e) => e.record_type === 'config_change' && e.data.list !== undefined).data.list).toBe('exit');
  });

  it('JSON summary.actor carries the names the text line shows (ENRICHED names), ids with -id=false', () => {
    const on = runCli(['parse', '-i', '-format=json', SMALL]);
    expect(on.status).toBe(0);
    const text = runCli(['parse', '-i', SMALL]);
    const evs = on.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const lines = text.stdout.trimEnd().split('\n');
    const exec = evs.findIndex((e) => e.sequence === 2791511 && e.record_type === 'syscall');
    expect(evs[exec].summary.actor).toEqual({ primary: 'labuser', secondary: 'root' });
    expect(lines[exec]).toContain(' labuser as root executed ');
    expect(evs.filter((e) => /^\d+$/.test(e.summary.actor.primary ?? ''))).toEqual([]);
    const off = runCli(['parse', '-i', '-format=json', '-id=false', SMALL]);
    const offEvs = off.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(offEvs[exec].summary.actor).toEqual({ primary: '1001', secondary: '0' });
  });

  it('-format=yaml writes one document per event', () => {
    const r = runCli(['parse', '-i', '-format=yaml', '-id=false', 'test/fixtures/corpus/live-stream.log']);
    expect(r.status).toBe(0);
    const docs = r.stdout.split(/^---$/m).filter((d) => d.trim() !== '');
    expect(docs).toHaveLength(574);
    expect(r.stdout).toContain('action: executed');
    expect(r.stdout).not.toContain('undefined');
  });

  it('text: one line per event with time, actor, action, object and result; colour only when forced', () => {
    const r = runCli(['parse', '-i', SMALL]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(974);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(lines).toContain('2026-11-21T14:39:47.166Z 2791512 labuser as root executed file /bin/echo via /usr/bin/echo: success [exec]');
    expect(lines.find((l) => l.includes(' 2791810 '))).toBe(
      '2026-11-21T14:39:47.302Z 2791810 labuser ran-command process "/usr/bin/cat /etc/shadow" via /usr/bin/sudo: fail',
    );
    // LOGIN: actor is the old login id (named from the ENRICHED part), object the new one, as the JSON summary gives it
    expect(lines).toContain('2026-11-21T14:39:47.266Z 2791671 labuser as root changed-login-id-to user-session 1002: success');
    const colored = runCli(['parse', '-i', SMALL], { env: { FORCE_COLOR: '1' } });
    expect(colored.stdout).toMatch(/\x1b\[32msuccess\x1b\[39m/);
    const noColor = runCli(['parse', '-i', SMALL], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\x1b\[/);
  });

  it('exits 0 with empty stderr when the reader leaves early (| head -1)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" parse -i -format=json ${SMALL} | head -1`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).category).toBeDefined();
  });
});
