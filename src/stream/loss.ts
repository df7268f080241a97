// Loss records: what the stream reports when events did not reach the output.
//
// In JSON/YAML a loss record is one object with `"type": "TSAUDIT_LOSS"` and a `source`, distinct from audit
// events (whose `type`/record types are the kernel's names). On stderr it is one line. Sources:
//   kernel   - the kernel's `lost` counter rose while streaming (backlog overflow, rate limit, ...)
//   sequence - serials never arrived (gaps in the event serial numbers, after a grace period)
//   enobufs  - the netlink socket overflowed (multicast); the gaps it caused follow as `sequence` loss
//   queue    - tsaudit dropped complete events because the output (stdout) did not keep up

export const LOSS_TYPE = 'TSAUDIT_LOSS';

export type LossSource = 'kernel' | 'sequence' | 'enobufs' | 'queue';

export interface LossRecord {
  type: typeof LOSS_TYPE;
  source: LossSource;
  /** events (or records, for `kernel`) lost; null when the source cannot tell (enobufs) */
  count: number | null;
  /** ISO time at which tsaudit noticed */
  time: string;
  /** `sequence`: lowest and highest missing serial, number of separate gaps */
  first_serial?: number;
  last_serial?: number;
  gaps?: number;
  /** `kernel`: the kernel's lost counter now */
  kernel_lost?: number;
  /** `enobufs`: how many overflows were seen since the last report */
  overflows?: number;
}

export function isLossRecord(item: unknown): item is LossRecord {
  return typeof item === 'object' && item !== null && (item as { type?: unknown }).type === LOSS_TYPE;
}

/** Merges a newer loss of the same source into an unreported one (used when output is behind). */
export function mergeLoss(into: LossRecord, more: LossRecord): LossRecord {
  const merged: LossRecord = { ...into, time: more.time };
  if (into.count !== null || more.count !== null) merged.count = (into.count ?? 0) + (more.count ?? 0);
  if (more.last_serial !== undefined) merged.last_serial = more.last_serial;
  if (into.first_serial === undefined && more.first_serial !== undefined) merged.first_serial = more.first_serial;
  if (more.gaps !== undefined) merged.gaps = (into.gaps ?? 0) + more.gaps;
  if (more.kernel_lost !== undefined) merged.kernel_lost = more.kernel_lost;
  if (more.overflows !== undefined) merged.overflows = (into.overflows ?? 0) + more.overflows;
  return merged;
}

/** One line for stderr (and for text output). */
export function formatLoss(loss: LossRecord): string {
  switch (loss.source) {
    case 'kernel':
      return `lost ${loss.count} records in the kernel (its lost counter is now ${loss.kernel_lost})`;
    case 'sequence':
      return `lost ${loss.count} events: ${loss.gaps} gap${loss.gaps === 1 ? '' : 's'} in the serials between ${loss.first_serial} and ${loss.last_serial}`;
    case 'enobufs':
      return `netlink receive buffer overflowed (ENOBUFS${(loss.overflows ?? 1) > 1 ? ` x${loss.overflows}` : ''}); the gaps it caused are reported as lost events`;
    case 'queue':
      return `dropped ${loss.count} events because the output did not keep up`;
  }
}
