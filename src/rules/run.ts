// The `tsaudit rules ...` verbs: argument handling and output around the rules library and an AuditClient.
// Loaded lazily by src/commands/rules.ts.

import { readFileSync, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { TsauditError, usageError } from '../errors.js';
import { isInteractive } from '../format/color.js';
import { createWriter, type FormatName, Output, parseFormat, writeOne } from '../format/index.js';
import { AuditClient, type AuditClientOptions } from '../netlink/client.js';
import { encodeRule } from './codec.js';
import { diffRules, diffTable, diffText, type FileRule } from './diff.js';
import type { RuleEnv } from './env.js';
import { hostEnv } from './host-env.js';
import { applyCommands, type ApplyResult, deleteAll, ensureMutable, listRules, type RulesClient } from './kernel.js';
import { loadRules, type ParsedLine, parseRuleFile } from './load.js';
import { parseRuleArgs, type RuleCommand } from './parse.js';
import { keyMatches, renderRule, renderRules, type RenderState, structuredRule } from './render.js';
import type { RuleData } from './types.js';

export interface RunContext {
  env?: RuleEnv;
  client?: AuditClientOptions;
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  stdin?: () => string;
}

const out = (ctx: RunContext) => ctx.stdout ?? ((s: string) => void process.stdout.write(s));
const err = (ctx: RunContext) => ctx.stderr ?? ((s: string) => void process.stderr.write(s));

/** The batched Output for JSON/YAML, onto ctx.stdout when a test captures it. */
function outputOf(ctx: RunContext): { output?: Output } {
  if (!ctx.stdout) return {};
  const sink = ctx.stdout;
  return {
    output: new Output(
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          sink(chunk.toString());
          cb();
        },
      }),
    ),
  };
}

async function withClient<T>(ctx: RunContext, verb: string, fn: (c: RulesClient) => Promise<T>): Promise<T> {
  const client = await AuditClient.open(ctx.client);
  try {
    return await fn(client);
  } catch (e) {
    if (e instanceof TsauditError && e.code === 'E_NOT_ROOT' && !('rule' in e.context)) {
      throw new TsauditError('E_NOT_ROOT', `rules ${verb} requires root (CAP_AUDIT_CONTROL)`, { context: e.context, cause: e });
    }
    throw e;
  } finally {
    client.close();
  }
}

/** Several rules on one command line are separated by a lone `;` token. */
function splitRules(tokens: readonly string[]): string[][] {
  const groups: string[][] = [[]];
  for (const t of tokens) {
    if (t === ';') groups.push([]);
    else groups[groups.length - 1]!.push(t);
  }
  return groups.filter((g) => g.length > 0);
}

function parseRules(verb: 'add' | 'delete', tokens: readonly string[], env: RuleEnv): { text: string; cmds: RuleCommand[] }[] {
  const groups = splitRules(tokens);
  if (groups.length === 0) {
    throw usageError(
      `rules ${verb}: expected a rule in auditctl syntax, e.g. ${verb === 'add' ? '-w /etc/passwd -p wa -k passwd' : '-W /etc/passwd -p wa -k passwd'}`,
    );
  }
  return groups.map((g) => {
    const cmds = parseRuleArgs(g, env);
    const text = g.join(' ');
    for (const c of cmds) {
      if (c.kind === 'add' && verb === 'delete') {
        c.kind = 'delete';
        c.rule.prepend = false;
      } else if (c.kind === 'delete' && verb === 'add') {
        throw usageError(`rules add: "${text}" deletes a rule (-d/-W); use tsaudit rules delete`, { token: text });
      } else if (c.kind !== 'add' && c.kind !== 'delete') {
        throw usageError(`rules ${verb}: "${text}" is not a rule (use tsaudit set, or rules load for control lines)`, { token: text });
      }
    }
    return { text, cmds };
  });
}

/**
 * `rules add/delete` take auditctl's tokens untouched, so their output format is a leading `--format FORMAT`
 * (also `--format=FORMAT`, `-format=FORMAT`, `-format FORMAT`): no auditctl rule starts with it.
 */
export function takeFormat(tokens: readonly string[]): { format: FormatName; rest: readonly string[] } {
  const t = tokens[0];
  if (t === '--format' || t === '-format') {
    if (tokens.length < 2) throw usageError(`flag ${t}: expected one of text, json, yaml`, { token: t });
    return { format: parseFormat(tokens[1]!), rest: tokens.slice(2) };
  }
  if (t !== undefined && (t.startsWith('--format=') || t.startsWith('-format='))) {
    return { format: parseFormat(t.slice(t.indexOf('=') + 1)), rest: tokens.slice(1) };
  }
  return { format: 'text', rest: tokens };
}

/** JSON/YAML of add/delete: one object per rule, its `result` and the rule as `rules list` structures it. */
async function writeApplied(
  ctx: RunContext,
  format: FormatName,
  result: 'added' | 'deleted',
  rules: { cmds: RuleCommand[] }[],
  env: RuleEnv,
): Promise<void> {
  if (format === 'text') return; // like auditctl: nothing on success
  const state: RenderState = { elf: 0 };
  const writer = await createWriter(format, { text: () => '', ...outputOf(ctx) });
  for (const r of rules) {
    for (const c of r.cmds) {
      if (c.kind === 'add' || c.kind === 'delete')
        writer.write({ result, rule: structuredRule(c.rule, env, renderRule(c.rule, env, {}, state)) });
    }
  }
  await writer.end();
}

export async function runAdd(tokens: readonly string[], ctx: RunContext = {}): Promise<void> {
  const env = ctx.env ?? hostEnv();
  const { format, rest } = takeFormat(tokens);
  const rules = parseRules('add', rest, env);
  await applyAll(ctx, 'add', rules);
  await writeApplied(ctx, format, 'added', rules, env);
}

export async function runDelete(allTokens: readonly string[], ctx: RunContext = {}): Promise<void> {
  const env = ctx.env ?? hostEnv();
  const { format, rest: tokens } = takeFormat(allTokens);
  if (tokens[0] === '--all' || tokens[0] === '-D') {
    const rest = tokens.slice(1);
    let key: string | undefined;
    if (rest.length === 2 && (rest[0] === '-k' || rest[0] === '--key')) key = rest[1];
    else if (rest.length === 1 && rest[0]!.startsWith('--key=')) key = rest[0]!.slice(6);
    else if (rest.length > 0)
      throw usageError(`rules delete ${tokens[0]}: only -k KEY may follow, got "${rest.join(' ')}"`, { token: rest[0] });
    const n = await withClient(ctx, 'delete', async (c) => {
      await ensureMutable(c);
      return deleteAll(c, key);
    });
    if (format === 'text') out(ctx)(`deleted ${n} rule${n === 1 ? '' : 's'}${key ? ` with key "${key}"` : ''}\n`);
    else
      await writeOne(format, key === undefined ? { result: 'deleted', count: n } : { result: 'deleted', count: n, key }, {
        text: () => '',
        ...outputOf(ctx),
      });
    return;
  }
  const rules = parseRules('delete', tokens, env);
  await applyAll(ctx, 'delete', rules);
  await writeApplied(ctx, format, 'deleted', rules, env);
}

async function applyAll(ctx: RunContext, verb: 'add' | 'delete', rules: { text: string; cmds: RuleCommand[] }[]): Promise<void> {
  const result: ApplyResult = { added: 0, deleted: 0, controls: 0, warnings: [] };
  await withClient(ctx, verb, async (c) => {
    await ensureMutable(c);
    for (const r of rules) {
      const before = result.warnings.length;
      await applyCommands(c, r.cmds, r.text, result);
      for (const w of result.warnings.slice(before)) err(ctx)(`tsaudit: warning: ${w}: ${r.text}\n`);
    }
  });
}

export interface ListOptions {
  key?: string;
  interpret?: boolean;
  format: FormatName;
}

export async function runList(opts: ListOptions, ctx: RunContext = {}): Promise<void> {
  const env = ctx.env ?? hostEnv();
  const all = await withClient(ctx, 'list', (c) => listRules(c));
  const rules = all.filter((r) => keyMatches(r.rule, opts.key)).map((r) => r.rule);
  const renderOpts = { interpret: opts.interpret ?? false };
  if (opts.format === 'text') {
    // auditctl -l: "No rules" only when the kernel has none; a key that matches nothing prints nothing
    const text = all.length === 0 ? 'No rules\n' : rules.length === 0 ? '' : renderRules(rules, env, renderOpts);
    out(ctx)(text);
    return;
  }
  const state: RenderState = { elf: 0 };
  const writer = await createWriter(opts.format, {
    text: () => '',
    toPlain: (r: (typeof rules)[number]) => structuredRule(r, env, renderRule(r, env, renderOpts, state), renderOpts),
    ...outputOf(ctx),
  });
  for (const r of rules) if (!writer.write(r)) await writer.ready();
  await writer.end();
}

/** auditctl -R's checks on a rules file: a regular file, owned by root, not world-writable. */
function readRulesFile(file: string, ctx: RunContext): string {
  if (file === '-') return ctx.stdin ? ctx.stdin() : readFileSync(0, 'utf8');
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new TsauditError('E_RULE_FILE', `cannot read rules file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      context: { file },
    });
  }
  if (!st.isFile()) throw new TsauditError('E_RULE_FILE', `rules file ${file} is not a regular file`, { context: { file } });
  if (typeof process.geteuid === 'function' && process.geteuid() === 0 && st.uid !== 0) {
    throw new TsauditError('E_RULE_FILE', `rules file ${file} is not owned by root (auditctl -R refuses it too)`, { context: { file } });
  }
  if ((st.mode & 0o002) !== 0)
    throw new TsauditError('E_RULE_FILE', `rules file ${file} is world writable (auditctl -R refuses it too)`, { context: { file } });
  return readFileSync(file, 'utf8');
}

export interface LoadCliOptions {
  continue?: boolean;
  format?: FormatName;
}

export async function runLoad(file: string, opts: LoadCliOptions, ctx: RunContext = {}): Promise<void> {
  const env = ctx.env ?? hostEnv();
  const text = readRulesFile(file, ctx);
  const name = file === '-' ? 'stdin' : file;
  const r = await withClient(ctx, 'load', (c) =>
    loadRules(c, text, env, { name, continueOnError: opts.continue ?? false, report: (m) => err(ctx)(`tsaudit: ${m}\n`) }),
  );
  const format = opts.format ?? 'text';
  if (format !== 'text') {
    await writeOne(
      format,
      { file: name, added: r.added, deleted: r.deleted, settings: r.controls, failed: r.failed },
      { text: () => '', ...outputOf(ctx) },
    );
    return;
  }
  const parts = [`${r.added} rule${r.added === 1 ? '' : 's'} added`];
  if (r.deleted) parts.push(`${r.deleted} deleted`);
  if (r.controls) parts.push(`${r.controls} setting${r.controls === 1 ? '' : 's'} applied`);
  if (r.failed) parts.push(`${r.failed} line${r.failed === 1 ? '' : 's'} failed`);
  out(ctx)(`${name}: ${parts.join(', ')}\n`);
}

/** The rules a load of the file leaves (given an empty start): adds, then -d/-W and -D [-k] applied in order. */
function rulesAfterLoad(parsed: ParsedLine[]): FileRule[] {
  let rules: FileRule[] = [];
  const same = (a: RuleData, b: RuleData) =>
    Buffer.from(encodeRule({ ...a, prepend: false })).equals(Buffer.from(encodeRule({ ...b, prepend: false })));
  for (const l of parsed) {
    for (const c of l.commands) {
      if (c.kind === 'add') rules.push({ line: l.line, rule: c.rule });
      else if (c.kind === 'delete') {
        const i = rules.findIndex((r) => same(r.rule, c.rule));
        if (i >= 0) rules.splice(i, 1);
      } else if (c.kind === 'delete-all') rules = rules.filter((r) => !keyMatches(r.rule, c.key));
    }
  }
  return rules;
}

export async function runDiff(file: string, opts: { format: FormatName }, ctx: RunContext = {}): Promise<void> {
  const env = ctx.env ?? hostEnv();
  const name = file === '-' ? 'stdin' : file;
  const parsed = parseRuleFile(readRulesFile(file, ctx), env, name);
  const fileRules = rulesAfterLoad(parsed);
  const kernel = await withClient(ctx, 'diff', (c) => listRules(c));
  const d = diffRules(
    fileRules,
    kernel.map((k) => k.rule),
    env,
  );
  if (opts.format === 'text') out(ctx)(isInteractive() ? await diffTable(d, name) : diffText(d, name));
  else {
    const writer = await createWriter(opts.format, {
      text: () => '',
      ...outputOf(ctx),
    });
    writer.write({ file: name, ...d });
    await writer.end();
  }
  if (d.missing.length || d.extra.length || d.orderDiffers) {
    throw new TsauditError('E_RULES_DIFFER', `the kernel rules differ from ${name}`, { context: { file: name } });
  }
}
