// One error class for the whole toolkit. Lower layers throw or return it; only src/cli.ts turns it
// into an exit code and a one-line message on stderr.

/** Exit codes used by the CLI. */
export const EXIT = {
  OK: 0,
  RUNTIME: 1,
  USAGE: 2,
  SIGINT: 130,
  SIGTERM: 143,
} as const;

export interface ErrorContext {
  file?: string;
  line?: number;
  offset?: number;
  token?: string;
  /** Anything else worth showing with --debug. */
  [key: string]: unknown;
}

export class TsauditError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly context: ErrorContext;

  constructor(code: string, message: string, options: { exitCode?: number; context?: ErrorContext; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TsauditError';
    this.code = code;
    this.exitCode = options.exitCode ?? EXIT.RUNTIME;
    this.context = options.context ?? {};
  }
}

/** A usage error: bad flag, bad value, missing argument. Exit code 2. */
export function usageError(message: string, context?: ErrorContext): TsauditError {
  return new TsauditError('E_USAGE', message, { exitCode: EXIT.USAGE, context });
}

export function isTsauditError(err: unknown): err is TsauditError {
  return err instanceof TsauditError;
}
