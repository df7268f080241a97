// Search and report keep little alive between full collections (open events and distinct values, ~10 MB),
// but much of what they allocate lives a while and is promoted: an event waits for records up to two
// seconds of log time newer. Under V8's own growing factor (up to 4x) the old generation then fills with
// garbage to several times the live heap before a full collection. A lower factor collects sooner. It is a
// rate, not a limit: a report with many distinct values still grows as far as it needs.

import { setFlagsFromString } from 'node:v8';

/** Old-generation growth between full collections, in percent (V8's flag; 0 is V8's own choice). */
export const HEAP_GROWING_PERCENT = 30;

const FLAG = '--heap-growing-percent';

/**
 * Runs `fn` under HEAP_GROWING_PERCENT, then puts V8's default back: the build's code-cache training runs
 * verbs in one process, and V8 rejects a cache made under other flags. A value given to node wins.
 */
export async function withSlowHeapGrowth<T>(fn: () => Promise<T>): Promise<T> {
  if (process.execArgv.some((a) => a.startsWith(FLAG))) return fn();
  setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  try {
    return await fn();
  } finally {
    setFlagsFromString(`${FLAG}=0`);
  }
}
