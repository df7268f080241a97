// Search, report and parse keep little alive between full collections (open events, distinct values, parse's
// bounded caches), but much of what they allocate lives a while and is promoted: an event waits for records up to two seconds of log
// time newer. Under V8's defaults a long run then grows the young generation to its largest and lets the old
// generation fill with garbage to several times the live heap before a full collection. Two V8 flags, set at run
// time for the log-reading verbs only (start-up flags would change every verb, and V8 rejects the build's code cache
// under them): a growing factor of 1.3, and no young-generation growth past YOUNG_CAP. Both are rates and
// sizes of collections, not limits: a report with many distinct values still grows as far as it needs.
// Measurements: docs/performance.md, "Peak memory of search and report".

import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Old-generation growth between full collections, in percent (0 is V8's own choice). */
export const HEAP_GROWING_PERCENT = 30;
/** The young generation (both semi-spaces) stops growing once it is this large (V8's maximum: 32 MB). */
export const YOUNG_CAP = 16 << 20;

const GROWING = '--heap-growing-percent';
const YOUNG_GROWTH = '--semi-space-growth-factor';
/** V8's default growth factor of the young generation (`node --v8-options`). */
const YOUNG_GROWTH_DEFAULT = 2;

const youngSize = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;

/**
 * Runs `fn` under the two flags, then puts V8's defaults back: the build's code-cache training runs verbs in
 * one process, and V8 rejects a cache made under other flags. Values given to node win.
 */
export async function withLeanHeap<T>(fn: () => Promise<T>): Promise<T> {
  const given = (flag: string) => process.execArgv.some((a) => a.startsWith(flag));
  const growing = !given(GROWING);
  const young = !given(YOUNG_GROWTH);
  if (growing) setFlagsFromString(`${GROWING}=${HEAP_GROWING_PERCENT}`);
  // V8 grows the young generation only after a scavenge, by doubling, and only once as much as its size has
  // survived since it last grew: a look after each collection sees each size long before the next one.
  const watch = young ? new PerformanceObserver(() => youngSize() >= YOUNG_CAP && stopYoungGrowth()) : undefined;
  watch?.observe({ entryTypes: ['gc'] });
  function stopYoungGrowth(): void {
    watch?.disconnect();
    setFlagsFromString(`${YOUNG_GROWTH}=1`);
  }
  try {
    return await fn();
  } finally {
    watch?.disconnect();
    if (growing) setFlagsFromString(`${GROWING}=0`);
    if (young) setFlagsFromString(`${YOUNG_GROWTH}=${YOUNG_GROWTH_DEFAULT}`);
  }
}
