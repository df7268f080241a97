// `ausearch --format text` (audit 3.0.9) for one event: one English sentence built from auparse's normalized
// event (./normalize.ts) the way ausearch's text_event builds it:
//   At 14:39:47 11/21/26 labuser, acting as root, successfully executed /usr/bin/id using /usr/bin/id

import type { AuditRecord } from '../../parse/record.js';
import { AuEvent } from './auparse-event.js';
import { type IdNames, T } from './auparse-values.js';
import { isSuccess } from './csv.js';
import { normalize, seek } from './normalize.js';
import { localTime } from './time.js';

export interface TextOptions {
  ids: IdNames;
}

const CONFIG_CHANGE = 1305;

/** The sentence for the event (records in received order), with its newline. */
export function renderText(records: readonly AuditRecord[], opts: TextOptions): string {
  const au = new AuEvent(records, opts.ids);
  const first = records[0]!;
  const tm = localTime(first.sec);
  const when = `${tm.time} ${tm.date}`;
  au.firstRecord();
  const type = au.type();
  const d = normalize(au, false, (n) => opts.ids.userId?.(n));
  let out = first.node !== undefined ? `On ${au.interpret() ?? '(null)'} at ${when} ` : `At ${when} `;
  let id = -2;
  if (seek(au, d.subjPrimary) === 1) {
    const subj = au.interpret() ?? '(null)';
    id = au.fieldInt();
    out += subj === 'unset' ? 'system' : subj;
  }
  if (seek(au, d.subjSecondary) === 1) {
    const uid = au.fieldInt();
    if (uid !== id && id !== -2 && uid !== -1) out += `, acting as ${au.interpret() ?? '(null)'},`;
  }
  if (seek(au, d.results) === 1) out += isSuccess(au, au.interpret()) ? ' successfully ' : ' unsuccessfully ';
  else out += ' ';
  const action = d.action;
  out += `${action ?? 'did-unknown'} `;
  if (seek(au, d.objPrimary) === 1) {
    let val: string | undefined;
    if (action !== undefined && action.includes('violated')) val = 'accessing ';
    const ftype = au.fieldType();
    if (ftype === T.ESCAPED_FILE) val = au.interpretRealpath();
    else if (ftype === T.SOCKADDR) val = au.interpretSockPart('laddr=') ?? au.interpretSockPart('saddr_fam=');
    else if (type === CONFIG_CHANGE) {
      val = action === 'set' || action === 'seccomp-logging' ? au.fieldName() : au.interpret();
    }
    if (val === undefined) val = au.interpret();
    out += `${val ?? '(null)'} `;
  }
  if (seek(au, d.objPrimary2) === 1) {
    out += `to ${(au.fieldType() === T.ESCAPED_FILE ? au.interpretRealpath() : au.interpret()) ?? '(null)'} `;
  }
  if (d.how !== undefined && action !== undefined && action.charCodeAt(0) !== 101 /* e */) out += `using ${d.how}`;
  return `${out}\n`;
}
