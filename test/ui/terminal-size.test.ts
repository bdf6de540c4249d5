/** A terminal with no size gets one, so Ink never falls back to terminal-size (which leaks a descriptor per frame). */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { settleTerminalSize } from '../../src/ui/terminal-size.js';

const stream = (columns?: number, rows?: number) => Object.assign(new EventEmitter(), { columns, rows });

describe('settleTerminalSize', () => {
  it('takes COLUMNS and LINES when the terminal reports 0×0', () => {
    const s = stream(0, 0);
    settleTerminalSize(s, { COLUMNS: '100', LINES: '30' });
    expect([s.columns, s.rows]).toEqual([100, 30]);
  });

  it('falls back to 80×24 without usable COLUMNS and LINES', () => {
    const s = stream(undefined, 0);
    settleTerminalSize(s, { COLUMNS: 'wide', LINES: '-3' });
    expect([s.columns, s.rows]).toEqual([80, 24]);
  });

  it('leaves a terminal that knows its size alone', () => {
    const s = stream(120, 40);
    settleTerminalSize(s, { COLUMNS: '80', LINES: '24' });
    expect([s.columns, s.rows]).toEqual([120, 40]);
  });

  it('fills the size in again after a resize that reports none, until stopped', () => {
    const s = stream(0, 0);
    const stop = settleTerminalSize(s, {});
    s.columns = 0;
    s.emit('resize');
    expect(s.columns).toBe(80);
    stop();
    s.columns = 0;
    s.emit('resize');
    expect(s.columns).toBe(0);
  });
});
