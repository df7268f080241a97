// Hex-encoded audit values. The kernel logs an "untrusted string" (path names, comm, exe, proctitle, execve
// arguments, keys, ...) quoted when it is plain printable ASCII, and as upper-case hex without quotes when it
// holds a space, a double quote, a control byte or a byte above 0x7e. Such values are decoded as UTF-8.

const HEX_DIGIT = new Uint8Array(128);
for (const c of '0123456789ABCDEF') HEX_DIGIT[c.charCodeAt(0)] = 1;

/** True when `s` is a non-empty, even-length run of upper-case hex digits: the kernel's encoding. */
export function isHexEncoded(s: string): boolean {
  const n = s.length;
  if (n === 0 || (n & 1) === 1) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || HEX_DIGIT[c] === 0) return false;
  }
  return true;
}

/** Hex to text, UTF-8; invalid sequences become U+FFFD. */
export function decodeHex(s: string): string {
  return Buffer.from(s, 'hex').toString('utf8');
}

/**
 * The text of an untrusted-string field: quoted values are already text; unquoted upper-case hex is decoded;
 * anything else (`(null)`, `?`, a bare word) is returned unchanged.
 */
export function decodeUntrusted(value: string, quoted: boolean): string {
  if (quoted || !isHexEncoded(value)) return value;
  return decodeHex(value);
}

/** Fields the kernel or auditd may hex-encode (auparse's "escaped" field types plus proctitle and keys). */
export const UNTRUSTED_FIELDS: ReadonlySet<string> = new Set([
  'path',
  'comm',
  'exe',
  'file',
  'name',
  'watch',
  'cwd',
  'cmd',
  'acct',
  'dir',
  'key',
  'vm',
  'old-chardev',
  'new-chardev',
  'old-disk',
  'new-disk',
  'old-fs',
  'new-fs',
  'old-net',
  'new-net',
  'device',
  'cgroup',
  'apparmor',
  'operation',
  'denied_mask',
  'info',
  'profile',
  'requested_mask',
  'old-rng',
  'new-rng',
  'ocomm',
  'grp',
  'new_group',
  'invalid_context',
  'sw',
  'root_dir',
  'proctitle',
  'data',
]);

/** True for EXECVE argument keys: a0, a1, ..., and chunk keys a1[0], a1[1], ... */
export function isExecveArgKey(key: string): boolean {
  if (key.length < 2 || key.charCodeAt(0) !== 97 /* a */) return false;
  const c = key.charCodeAt(1);
  return c >= 48 && c <= 57;
}
