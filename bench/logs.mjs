// The benchmark's inputs: one real ENRICHED auditd log of ~218 MB (no repeated content), cut at whole events
// into the sizes people read: 1 MB, 8 MB (auditd's default max_log_file), 48 MB (a rotated set of six) and
// all of it. A cut never splits an event, so every tool sees the same events. The cuts are cached in
// bench/out/logs/ and remade when the source changes.
//
// Source: $TSAUDIT_BENCH_LOG, else ../shared/corpus/real-bench.log.gz beside the project (the corpus README
// describes how it was recorded). Only the benchmark reads it; nothing at run time does.

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'bench/out/logs');
const MiB = 1 << 20;

/** The sizes, in auditd's megabytes (MiB); `bytes: Infinity` is the whole log. */
export const SIZES = [
  { label: '1 MB', bytes: 1 * MiB },
  { label: '8 MB', bytes: 8 * MiB },
  { label: '48 MB', bytes: 48 * MiB },
  { label: 'full', bytes: Infinity },
];

export function benchSource() {
  const path = process.env.TSAUDIT_BENCH_LOG ?? join(ROOT, '..', 'shared', 'corpus', 'real-bench.log.gz');
  if (!existsSync(path)) {
    throw new Error(`bench log not found: ${path} (set TSAUDIT_BENCH_LOG to a real auditd log, .gz or plain)`);
  }
  return path;
}

/**
 * Returns the cut logs, smallest first: [{ label, path, bytes, events }] (events: distinct serials, the
 * count ausearch reports as events). `labels` picks some of SIZES by label.
 */
export async function benchLogs(labels = SIZES.map((s) => s.label)) {
  const source = benchSource();
  const st = statSync(source);
  const stamp = `${source} ${st.size} ${st.mtimeMs}`;
  const manifestPath = join(CACHE, 'manifest.json');
  let manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : undefined;
  if (manifest?.stamp !== stamp || !manifest.logs.every((l) => existsSync(l.path))) {
    console.log(`cutting ${source} at whole events into ${SIZES.map((s) => s.label).join(', ')} (cached in bench/out/logs) ...`);
    manifest = { stamp, logs: cut(await readAll(source)) };
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 1));
  }
  return manifest.logs.filter((l) => labels.includes(l.label));
}

async function readAll(path) {
  const raw = readFileSync(path);
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw, { chunkSize: 1 << 20 }) : raw;
}

const SERIAL = /msg=audit\(\d+\.\d+:(\d+)\)/;

/**
 * Cuts after the first line past each size at which every event begun so far has ended: auditd interleaves
 * the records of concurrent events, so a line boundary alone can split one.
 */
function cut(buf) {
  mkdirSync(CACHE, { recursive: true });
  const lineEnds = [];
  const serialOf = [];
  const lastLine = new Map();
  for (let start = 0, i = 0; start < buf.length; i++) {
    let end = buf.indexOf(10, start);
    end = end < 0 ? buf.length : end + 1;
    const m = SERIAL.exec(buf.toString('latin1', start, Math.min(end, start + 200)));
    const serial = m ? m[1] : undefined;
    serialOf.push(serial);
    lineEnds.push(end);
    if (serial !== undefined) lastLine.set(serial, i);
    start = end;
  }
  const logs = [];
  let open = -1; // the last line of any event begun so far
  let size = 0;
  const seen = new Set();
  for (let i = 0; i < lineEnds.length && size < SIZES.length; i++) {
    const serial = serialOf[i];
    if (serial !== undefined) {
      seen.add(serial);
      open = Math.max(open, lastLine.get(serial));
    }
    const last = i === lineEnds.length - 1;
    if ((open <= i && lineEnds[i] >= SIZES[size].bytes) || last) {
      while (size < SIZES.length && (lineEnds[i] >= SIZES[size].bytes || last)) {
        const { label } = SIZES[size];
        const path = join(CACHE, `real-bench-${label.replace(' ', '').toLowerCase()}.log`);
        writeFileSync(`${path}.tmp`, buf.subarray(0, lineEnds[i]));
        renameSync(`${path}.tmp`, path);
        logs.push({ label, path, bytes: lineEnds[i], events: seen.size });
        size++;
      }
    }
  }
  return logs;
}

// `node bench/logs.mjs` makes (or checks) the cuts and lists them.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const l of await benchLogs())
    console.log(`${l.label.padEnd(6)} ${(l.bytes / 1e6).toFixed(1).padStart(6)} MB ${String(l.events).padStart(7)} events  ${l.path}`);
}
