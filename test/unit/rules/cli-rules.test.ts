// `tsaudit rules` as a process, for what needs no kernel: auditctl syntax reaches the parser untouched,
// syntax errors are one-line usage errors (exit 2) raised before any socket is opened, help is there.

import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

describe('tsaudit rules (process)', () => {
  it('passes auditctl syntax through untouched and reports the offending token, exit 2', () => {
    const r = runCli(['rules', 'add', '-a', 'always,exit', '-F', 'arch=b64', '-S', 'execve', '-F', 'auid=>1000', '-k', 'exec']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('tsaudit: bad rule field at token 8: got "auid=>1000" (unknown user ">1000")\n');
  });

  it('suggests the closest syscall name', () => {
    const r = runCli(['rules', 'add', '-a', 'always,exit', '-F', 'arch=b32', '-S', 'opneat']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tsaudit: unknown syscall at token 6: got "opneat" ("opneat" is not a i386 syscall, did you mean "openat"?)\n');
  });

  it('takes a leading -format/--format as the output format (auditctl has no such rule token)', () => {
    const bad = runCli(['rules', 'delete', '-format=xml', '-w', '/etc/passwd']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('tsaudit: flag --format: expected one of text, json, yaml, got "xml"\n');
    // the flag is taken off, and the rule after it is parsed (and rejected here before any socket opens)
    const r = runCli(['rules', 'add', '--format', 'json', '-a', 'always,exit', '-F', 'auid=>1000']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tsaudit: bad rule field at token 4: got "auid=>1000" (unknown user ">1000")\n');
    expect(runCli(['rules', 'add', '--format']).stderr).toBe('tsaudit: flag --format: expected one of text, json, yaml\n');
  });

  it('needs a rule, and delete --all takes only -k KEY', () => {
    expect(runCli(['rules', 'add']).stderr).toBe(
      'tsaudit: rules add: expected a rule in auditctl syntax, e.g. -w /etc/passwd -p wa -k passwd\n',
    );
    const d = runCli(['rules', 'delete', '--all', '-w', '/etc']);
    expect(d.status).toBe(2);
    expect(d.stderr).toBe('tsaudit: rules delete --all: only -k KEY may follow, got "-w /etc"\n');
    const c = runCli(['rules', 'add', '-b', '100']);
    expect(c.status).toBe(2);
    expect(c.stderr).toBe('tsaudit: rules add: "-b 100" is not a rule (use tsaudit set, or rules load for control lines)\n');
  });

  it('a missing rules file is a one-line error, exit 1', () => {
    const r = runCli(['rules', 'load', '/nonexistent/audit.rules']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('tsaudit: cannot read rules file /nonexistent/audit.rules: ENOENT\n');
  });

  it('has help for every rules verb', () => {
    const r = runCli(['rules', '--help']);
    expect(r.status).toBe(0);
    for (const verb of ['add', 'delete', 'list', 'load', 'diff']) expect(r.stdout).toMatch(new RegExp(`\\n  ${verb} `));
    const add = runCli(['rules', 'add', '--help']);
    expect(add.status).toBe(0);
    expect(add.stdout).toContain('sudo tsaudit rules add -w /etc/passwd -p wa -k passwd');
  });
});
