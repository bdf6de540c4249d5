// Every control sequence a hostile pack or command could send is removed, and ordinary text is left alone.
import { describe, expect, it } from 'vitest';
import { stripControls, stripControlsLine } from '../../../src/text/sanitize.js';

const ESC = '\u001b';

describe('stripControls', () => {
  it('leaves plain text, newlines, tabs and CJK untouched', () => {
    const s = 'veth0-0\tUP\n命名空间 ns0 · ✔ passed\n';
    expect(stripControls(s)).toBe(s);
  });

  it('removes every escape of a line, not only the first', () => {
    expect(stripControls(`${ESC}[31mred${ESC}[0m and ${ESC}[1mbold${ESC}[22m`)).toBe('red and bold');
  });

  it('removes OSC window titles terminated by BEL or ST, and DCS strings', () => {
    expect(stripControls(`a${ESC}]0;pwned${'\u0007'}b${ESC}]2;x${ESC}\\c${ESC}Pq#0;1${ESC}\\d`)).toBe('abcd');
  });

  it('removes screen clears, cursor moves, charset switches and bare ESC', () => {
    expect(stripControls(`${ESC}[2J${ESC}[H${ESC}(0x${ESC}c${ESC}`)).toBe('x');
  });

  it('removes 8-bit C1 controls (CSI, OSC) and other C0 controls', () => {
    expect(stripControls(`\u009b2Ja\u009d0;t\u009cb\u0000\u0008\u007fc`)).toBe('abc');
  });

  it('keeps only what follows a carriage return, and turns CRLF into LF', () => {
    expect(stripControls('10%\r50%\r100%\nline\r\n')).toBe('100%\nline\n');
  });

  it('makes a one-line label of a multi-line title', () => {
    expect(stripControlsLine(`Title\n${ESC}]0;x\u0007\tmore`)).toBe('Title  more');
  });
});
