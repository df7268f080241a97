// Runs `tsaudit search` in this process (through the real commander program, argv normalization included)
// and the installed ausearch as a child, both with TZ=UTC LC_ALL=C, for the differential tests.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { afterAll, beforeAll } from 'vitest';
import { normalizeArgv } from '../../../src/argv.js';
import { buildProgram } from '../../../src/cli.js';
import { outputFormat, type SearchFlags } from '../../../src/commands/search.js';
import { isTsauditError } from '../../../src/errors.js';
import { runSearchCommand } from '../../../src/search/command.js';

export const AUSEARCH = '/usr/sbin/ausearch';
export const HAVE_AUSEARCH = existsSync(AUSEARCH) && spawnSync(AUSEARCH, ['-v'], { encoding: 'utf8' }).stdout.includes('3.0.9');

export interface RunResult {
  status: number;
  stdout: Buffer;
  stderr: string;
}

/** ausearch; with `input`, fed through a real pipe (it reads stdin only when fd 0 is a FIFO, not a socket). */
export function ausearch(args: readonly string[], input?: Buffer): RunResult {
  const r = spawnSync(input === undefined ? AUSEARCH : 'sh', input === undefined ? args : ['-c', `cat | ${AUSEARCH} "$@"`, 'sh', ...args], {
    env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
    input: input ?? Buffer.alloc(0),
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** ausearch ARGS (no stdin), without blocking: several run at once. */
export function ausearchAsync(args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(AUSEARCH, args, { env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** `tsaudit search ARGS` in this process; stdin is not a pipe unless `input` is given. */
export async function search(args: readonly string[], input?: Buffer): Promise<RunResult> {
  process.env.TZ = 'UTC';
  const chunks: Buffer[] = [];
  let stderr = '';
  const stdout = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  const program = buildProgram();
  program.configureOutput({ writeErr: (s) => void (stderr += s), writeOut: (s) => void (stderr += s) });
  const cmd = program.commands.find((c) => c.name() === 'search')!;
  cmd.configureOutput({ writeErr: (s) => void (stderr += s), writeOut: (s) => void (stderr += s), outputError: (s, w) => w(s) });
  let status = 0;
  cmd.action(async (flags: SearchFlags) => {
    const { Readable } = await import('node:stream');
    status = await runSearchCommand(flags, {
      outputFormat: outputFormat(flags),
      stdout,
      stderr: (t) => void (stderr += t),
      stdin: input === undefined ? undefined : Readable.from([input]),
      stdinHasData: () => input !== undefined,
    });
  });
  try {
    await program.parseAsync(normalizeArgv(['search', ...args], program), { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) status = err.exitCode === 0 ? 0 : 2;
    else if (isTsauditError(err)) {
      stderr += `tsaudit: ${err.message}\n`;
      status = err.exitCode;
    } else throw err;
  }
  return { status, stdout: Buffer.concat(chunks), stderr };
}

/**
 * ausearch --raw writes a \x1d after the records of an ENRICHED event that have no interpretation
 * (PROCTITLE, ...): it restores its separator over the end of the string. tsaudit writes the line as it
 * was read. This takes that byte off again (no record of the corpus ends in \x1d).
 */
export function withoutAddedSeparators(raw: Buffer): Buffer {
  return Buffer.from(raw.toString('latin1').replace(/\x1d\n/g, '\n'), 'latin1');
}

/** A log with `text` in a temporary directory for the enclosing describe block: its path, once beforeAll has run. */
export function tempLog(name: string, text: () => string): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsaudit-search-'));
    writeFileSync(join(dir, name), text());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => join(dir, name);
}
