import { describe, expect, it } from 'vitest';
import { ttyDataText } from '../../../src/audit-fields/tty-data.js';
import { ttyData } from '../../../src/report/text.js';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('ttyDataText (print_tty_data)', () => {
  it('quotes printable runs and names keys between them', () => {
    expect(ttyDataText(Buffer.from('ls -l\r', 'latin1'))).toBe('"ls -l",<ret>');
    expect(ttyDataText(hex('7f7f61'))).toBe('<backspace>,<backspace>,"a"');
  });

  it('takes the longest sequence the table lists first (ESC [ A is <up>, a lone ESC is <esc>)', () => {
    expect(ttyDataText(hex('1b5b41'))).toBe('<up>');
    expect(ttyDataText(hex('1b78'))).toBe('<esc>,"x"');
  });

  it('escapes quote and backslash, and bytes outside ASCII as \\ooo', () => {
    expect(ttyDataText(Buffer.from('a"b\\c', 'latin1'))).toBe('"a\\"b\\\\c"');
    expect(ttyDataText(hex('c3a9'))).toBe('"\\303\\251"');
  });

  it('gives nothing for no bytes', () => {
    expect(ttyDataText(Buffer.alloc(0))).toBe('');
  });
});

describe('aureport --tty around it', () => {
  it('keeps a value that is not hex, and says so for one too short to hold a byte', () => {
    expect(ttyData('zz')).toBe('zz');
    expect(ttyData('6')).toBe('conversion error(6)');
    expect(ttyData('6C730D')).toBe('"ls",<ret>');
  });
});
