// Process behaviour shared by every verb: graceful EPIPE, SIGINT/SIGTERM with cleanup hooks, and one
// AbortSignal that long-running verbs (stream, parse of stdin) watch to stop.
//
// First SIGINT/SIGTERM: abort `shutdownSignal`, run the cleanup hooks (most recent first, bounded in time),
// then exit 130/143. A second signal exits at once. EPIPE on stdout means the reader left: exit 0 quietly.

import { EXIT } from './errors.js';

type Hook = (reason: string) => void | Promise<void>;

const hooks: Hook[] = [];
const controller = new AbortController();
let installed = false;
let stopping = false;

/** Aborted when the process is asked to stop (signal or closed stdout). Its reason is the signal name or 'EPIPE'. */
export const shutdownSignal: AbortSignal = controller.signal;

/** Registers cleanup to run before exit on a signal. Returns a function that unregisters it. */
export function onShutdown(hook: Hook): () => void {
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

const HOOK_TIMEOUT_MS = 5000;

async function runHooks(reason: string): Promise<void> {
  const pending = hooks.splice(0).reverse();
  const all = (async () => {
    for (const hook of pending) {
      try {
        await hook(reason);
      } catch (err) {
        process.stderr.write(`tsaudit: cleanup failed: ${(err as Error).message}\n`);
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      process.stderr.write('tsaudit: cleanup timed out\n');
      resolve();
    }, HOOK_TIMEOUT_MS);
    timer.unref();
  });
  await Promise.race([all, timeout]);
  clearTimeout(timer);
}

/** Stops the process: aborts shutdownSignal, runs cleanup hooks, exits with `code`. */
export async function shutdown(reason: string, code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  controller.abort(reason);
  await runHooks(reason);
  process.exit(code);
}

export function isEpipeError(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

export function installProcessHandlers(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (err) => {
    if (isEpipeError(err)) void shutdown('EPIPE', EXIT.OK);
    else throw err;
  });
  process.stderr.on('error', () => {
    /* nowhere left to report */
  });
  const onSignal = (sig: 'SIGINT' | 'SIGTERM') => {
    const code = sig === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM;
    if (stopping) process.exit(code); // second signal: at once
    void shutdown(sig, code);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
