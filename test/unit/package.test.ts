import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('npm package', () => {
  it('packs only what it needs and installs globally with a working tsaudit and man page (scripts/check-package.mjs)', () => {
    const r = spawnSync(process.execPath, [`${ROOT}scripts/check-package.mjs`], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    const report = `${r.stdout}${r.stderr}`;
    expect(report).not.toMatch(/^FAIL/m);
    expect(r.status, report).toBe(0);
    expect(report).toMatch(/^check-package: ok$/m);
  }, 200_000);
});
