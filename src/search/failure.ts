// -sv no as a test on a record's raw text, so that a successful event is dropped before its records are cut
// into fields (for `-m SYSCALL -sv no` that is most SYSCALL events), as needle.ts does for -k. An event's
// success starts unset and is a failure only if one of its records' scans wrote S_FAILED, and every scan
// that can (src/audit-fields/extract.ts) needs one of these in the record's text:
//   success=  a SYSCALL's value up to a space, failed unless it is "yes"
//   res=      whatever follows: the numeric scans read it with strtoul, for which "success" is 0
//   result=   the word of older user-space programs
//   denied    an AVC's result
// The scans of the types below never write success, so their records are not looked at (most records of a
// syscall event are of these types). The test may say yes where the selector says no (a later record may set
// success again), never the reverse. It runs per record on the line's text: looking for the four words in
// every read block cost more than the extraction it saved.

import { AUDIT_MESSAGE as T } from '../tables/message-types-data.js';

/** Record types whose scan reads no result (file names, addresses, objects, tty input) or that have none. */
const NO_RESULT = new Set<number>([
  T.CWD,
  T.AVC_PATH,
  T.PATH,
  T.SOCKADDR,
  T.IPC,
  T.OBJ_PID,
  T.TTY,
  T.NETFILTER_PKT,
  T.EXECVE,
  T.BPRM_FCAPS,
  T.PROCTITLE,
  T.EOE,
]);

const FAILURE = /success=(?!yes )|res=|result=|denied/;

/** Can a record of this type and text make its event a failure (ausearch -sv no)? */
export function mayFail(type: number, text: string): boolean {
  return !NO_RESULT.has(type) && FAILURE.test(text);
}

/** Is the record's text read for a failure at all? (No for the types whose scans never write one.) */
export function readsResult(type: number): boolean {
  return !NO_RESULT.has(type);
}
