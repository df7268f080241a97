// `tsaudit parse --follow [FILE]`: the agent mode beside a running auditd (src/pipeline/follow.ts). The sink is
// the one parse would use (ECS or -i to --output or stdout, raw records to stdout); the follower stops on
// SIGINT/SIGTERM, completes what is open, lets the outputs take it (or keeps it in the spool), saves its
// registry, and the process exits 0: a stopped agent has done its job.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { usageError } from '../errors.js';
import type { EventSink } from '../pipeline/sinks.js';
import { type ShipFlags, shipSetup } from './ship-options.js';

export const DEFAULT_REGISTRY = '/var/lib/tsaudit/follow-registry.json';

export interface FollowFlags extends ShipFlags {
  registry?: string;
  id: boolean;
  utc?: boolean;
  rawValues?: boolean;
  stats?: boolean;
}

export async function followAction(files: string[], flags: FollowFlags): Promise<void> {
  if (files.length > 1) throw usageError(`flag --follow: follows one log, got ${files.length} files`);
  if (files[0] === '-') throw usageError('flag --follow: follows a file, not stdin');
  const [{ followLog }, { systemLogFile }, { shutdownSignal, onShutdown }] = await Promise.all([
    import('../pipeline/follow.js'),
    import('../pipeline/system-logs.js'),
    import('../runtime.js'),
  ]);
  const path = files[0] ?? systemLogFile();
  const registry = flags.registry ?? DEFAULT_REGISTRY;
  mkdirSync(dirname(registry), { recursive: true, mode: 0o700 });
  const { sink, taken } = await followSink(flags);
  const run = followLog({ path, registry, sink, ...(taken ? { delivered: taken } : {}), signal: shutdownSignal });
  const unregister = onShutdown(async () => {
    await run.catch(() => undefined);
    process.exit(0);
  });
  try {
    await run;
  } finally {
    unregister();
  }
}

async function followSink(flags: FollowFlags): Promise<{ sink: EventSink; taken?: () => number }> {
  const ship = shipSetup(flags);
  if (ship) {
    const { documentRenderer, shipEventSink } = await import('../pipeline/ecs-sink.js');
    const sink = shipEventSink(documentRenderer(ship.document, { ids: flags.id }), {
      ...ship,
      ...(flags.stats ? { statsMs: 10_000 } : {}),
    });
    return { sink, taken: () => sink.ship.taken() };
  }
  const format = flags.format;
  if (format === 'ecs') {
    const { ecsSink } = await import('../pipeline/ecs-sink.js');
    return { sink: ecsSink({ ids: flags.id }) };
  }
  if (flags.interpret) {
    const { interpretSink } = await import('../pipeline/interpret-sink.js');
    return { sink: await interpretSink(format, { ids: flags.id, utc: flags.utc }) };
  }
  const { rawSink } = await import('../pipeline/sinks.js');
  return { sink: await rawSink(format, { rawValues: flags.rawValues === true }) };
}
