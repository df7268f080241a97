// Rule files, as `auditctl -R` reads them: one auditctl command per line, blank lines and `#` comments
// skipped, control lines (-D -b -f -e -r --backlog_wait_time ...) applied in order with the rules. The first
// bad line stops the load with `FILE:LINE: reason`; with continueOnError (or a `-c` line) every line is tried
// and the load fails at the end; after a `-i` line errors are reported and the load still succeeds (unless
// a `-c` line or --continue asked to fail at the end, as in auditctl).

import { TsauditError } from '../errors.js';
import type { RuleEnv } from './env.js';
import { applyCommands, type ApplyResult, ensureMutable, type RulesClient } from './kernel.js';
import { parseRuleArgs, splitRuleLine, type RuleCommand } from './parse.js';

export interface RuleLine {
  line: number;
  text: string;
  /** The tokens, or the reason the line could not even be split. */
  tokens?: string[];
  error?: string;
}

/** The non-blank, non-comment lines of a rules file. */
export function ruleLines(text: string): RuleLine[] {
  const out: RuleLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    try {
      const tokens = splitRuleLine(line);
      if (tokens) out.push({ line: i + 1, text: line.trim(), tokens });
    } catch (err) {
      out.push({ line: i + 1, text: line.trim(), error: (err as Error).message });
    }
  });
  return out;
}

export interface ParsedLine {
  line: number;
  text: string;
  commands: RuleCommand[];
}

function lineError(name: string, line: number, err: unknown): TsauditError {
  const message = err instanceof Error ? err.message : String(err);
  return new TsauditError(
    err instanceof TsauditError && err.code !== 'E_RULE_SYNTAX' ? err.code : 'E_RULE_FILE',
    `${name}:${line}: ${message}`,
    {
      context: { file: name, line, ...(err instanceof TsauditError ? err.context : {}) },
      cause: err,
    },
  );
}

/** Parses every line of a rules file; throws `FILE:LINE: reason` at the first bad one. */
export function parseRuleFile(text: string, env: RuleEnv, name: string): ParsedLine[] {
  return ruleLines(text).map((l) => {
    if (l.error !== undefined) throw lineError(name, l.line, new Error(l.error));
    try {
      return { line: l.line, text: l.text, commands: parseRuleArgs(l.tokens!, env) };
    } catch (err) {
      throw lineError(name, l.line, err);
    }
  });
}

export interface LoadOptions {
  /** Name shown in messages (the file name, or "-" / "stdin"). */
  name: string;
  /** Try every line, report each failure, and fail at the end (auditctl -c). */
  continueOnError?: boolean;
  /** Called with each warning and, in continue/ignore mode, each error line (`FILE:LINE: reason`). */
  report?: (message: string) => void;
}

export interface LoadResult extends ApplyResult {
  lines: number;
  failed: number;
}

export async function loadRules(client: RulesClient, text: string, env: RuleEnv, opts: LoadOptions): Promise<LoadResult> {
  const report = opts.report ?? (() => {});
  await ensureMutable(client);
  const result: LoadResult = { added: 0, deleted: 0, controls: 0, warnings: [], lines: 0, failed: 0 };
  // auditctl's two switches: -i goes on after errors; -c goes on and also fails at the end (and stays so)
  let goOn = opts.continueOnError ?? false;
  let failAtEnd = opts.continueOnError ?? false;
  let firstError: TsauditError | undefined;
  for (const l of ruleLines(text)) {
    result.lines++;
    try {
      if (l.error !== undefined) throw new Error(l.error);
      const cmds = parseRuleArgs(l.tokens!, env);
      for (const c of cmds) {
        if (c.kind !== 'error-mode') continue;
        goOn = true;
        if (c.mode === 'continue') failAtEnd = true;
      }
      const before = result.warnings.length;
      await applyCommands(client, cmds, l.text, result);
      for (const w of result.warnings.slice(before)) report(`${opts.name}:${l.line}: ${w}`);
    } catch (err) {
      const e = lineError(opts.name, l.line, err);
      if (!goOn) throw e;
      result.failed++;
      firstError ??= e;
      report(e.message);
    }
  }
  if (result.failed > 0 && failAtEnd) {
    throw new TsauditError(
      'E_RULE_FILE',
      `${opts.name}: ${result.failed} of ${result.lines} lines failed (first: ${firstError!.message})`,
      {
        context: { file: opts.name, failed: result.failed },
      },
    );
  }
  return result;
}
