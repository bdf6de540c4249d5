/** The pure parts of the screen: the viewport, the line editor, the key table and the step body, on recorded states. */
import { describe, expect, test } from 'vitest';
import type { StepResult } from '../../src/engine/types.js';
import { fitStatus, helpRows, intentFor, splitKeys, statusEntries, BINDINGS, type KeyContext } from '../../src/ui/keys.js';
import { noPaint } from '../../src/ui/layout/paint.js';
import { inputRows } from '../../src/ui/layout/input-line.js';
import { stepBody } from '../../src/ui/layout/step-body.js';
import { viewport } from '../../src/ui/layout/viewport.js';
import { tu } from '../../src/ui/messages.js';
import { editLine, editorText, emptyEditor, insertText } from '../../src/ui/state/line-editor.js';
import { initialState, reducer, type UiState } from '../../src/ui/state/reducer.js';
import { stringWidth } from '../../src/ui/text.js';
import { testCourse } from './course.js';
import { fixture } from './fake-session.js';

describe('viewport', () => {
  test('a body that fits shows whole, without markers', () => {
    expect(viewport(5, 8, null, 'end')).toMatchObject({ top: 0, shown: 5, above: 0, below: 0, max: 0 });
  });
  test('resting at the end marks what is above; at the top, what is below', () => {
    expect(viewport(30, 10, null, 'end')).toMatchObject({ top: 21, shown: 9, above: 21, below: 0, max: 21 });
    expect(viewport(30, 10, null, 'top')).toMatchObject({ top: 0, shown: 9, above: 0, below: 21 });
  });
  test('in the middle both markers show and every line is counted once', () => {
    for (let top = 0; top <= 21; top++) {
      const v = viewport(30, 10, top, 'end');
      expect(v.above + v.shown + v.below).toBe(30);
      expect(v.shown + (v.above ? 1 : 0) + (v.below ? 1 : 0)).toBeLessThanOrEqual(10);
    }
  });
  test('the focus (the verdict) stays in view when the end does not fit with it', () => {
    expect(viewport(30, 10, null, 'end', 12)).toMatchObject({ top: 12, below: 10 });
    expect(viewport(30, 10, null, 'end', 25)).toMatchObject({ top: 21 });
  });
  test('a huge scroll means the end, clamped', () => {
    expect(viewport(30, 10, Number.MAX_SAFE_INTEGER, 'top').top).toBe(21);
  });
});

describe('line editor', () => {
  test('cursor moves by grapheme; insert and delete at the cursor; Home and End', () => {
    let e = insertText(emptyEditor(), 'ip a中文x');
    e = editLine(e, 'cursorLeft', []);
    e = editLine(e, 'cursorLeft', []);
    e = editLine(e, 'deleteBack', []);
    expect(editorText(e)).toBe('ip a文x');
    e = editLine(e, 'lineStart', []);
    e = insertText(e, 'sudo ');
    expect(editorText(e)).toBe('sudo ip a文x');
    e = editLine(e, 'lineStart', []);
    e = editLine(e, 'deleteForward', []);
    expect(editorText(e)).toBe('udo ip a文x');
    e = editLine(e, 'lineEnd', []);
    e = editLine(e, 'deleteBack', []);
    expect(editorText(e)).toBe('udo ip a文');
  });
  test('history: ↑ recalls older commands, ↓ comes back to the line being written', () => {
    const history = ['one', 'two'];
    let e = insertText(emptyEditor(), 'draft');
    e = editLine(e, 'historyPrev', history);
    expect(editorText(e)).toBe('two');
    e = editLine(e, 'historyPrev', history);
    e = editLine(e, 'historyPrev', history);
    expect(editorText(e)).toBe('one');
    e = editLine(e, 'historyNext', history);
    e = editLine(e, 'historyNext', history);
    expect(editorText(e)).toBe('draft');
  });
  test('a pasted line break is a space; control characters are dropped', () => {
    expect(editorText(insertText(emptyEditor(), 'a\nb\u0007c'))).toBe('a bc');
  });
  test('the input wraps over rows and the cursor is where the next character goes', () => {
    const e = editLine(insertText(emptyEditor(), 'x'.repeat(30)), 'cursorLeft', []);
    const r = inputRows('❯ ', e, 20, noPaint);
    expect(r.lines).toEqual(['❯ ' + 'x'.repeat(18), 'x'.repeat(12)]);
    expect({ row: r.row, col: r.col }).toEqual({ row: 1, col: 11 });
  });
});

describe('key table', () => {
  const course = testCourse();
  const ready = (): UiState => {
    const s = reducer(initialState({ course }), { type: 'open', ref: '2.1' });
    return reducer(s, { type: 'job-done', jobId: s.job!.id });
  };
  test('a burst of Backspaces counts every one; text typed before Enter runs', () => {
    expect(splitKeys({ input: '\u007f\u007f\u007f' })).toEqual([{ input: '', backspace: true }, { input: '', backspace: true }, { input: '', backspace: true }]);
    expect(splitKeys({ input: 'ls\r' })).toEqual([{ input: 'ls' }, { input: '', return: true }]);
    let s = reducer(ready(), { type: 'key', key: { input: 'e' } });
    s = reducer(s, { type: 'key', key: { input: 'ip linkk' } });
    s = reducer(s, { type: 'key', key: { input: '\u007f\u007f' } });
    expect(editorText(s.editor!)).toBe('ip lin');
  });
  test('no key means two things in one context', () => {
    const contexts: KeyContext[] = ['menu', 'step', 'passed', 'error', 'preparing', 'busy', 'editing', 'present', 'help'];
    for (const c of contexts) {
      const seen = new Map<string, string>();
      for (const b of BINDINGS.filter((x) => x.contexts.includes(c)))
        for (const k of b.keys) {
          const id = JSON.stringify(k);
          expect(seen.get(id), `${id} in ${c}`).toBeUndefined();
          seen.set(id, b.intent);
        }
    }
  });
  test('the same key, different intents by context', () => {
    expect(intentFor('step', { input: '', return: true })).toBe('run');
    expect(intentFor('passed', { input: '', return: true })).toBe('advance');
    expect(intentFor('editing', { input: '', upArrow: true })).toBe('historyPrev');
    expect(intentFor('step', { input: '', upArrow: true })).toBe('scrollUp');
    expect(intentFor('busy', { input: 'c', ctrl: true })).toBe('cancel');
    expect(intentFor('editing', { input: 'c', ctrl: true })).toBe('clearLine');
  });
  test('at 80 columns the status line keeps `s shell`, and in Chinese `e`', () => {
    for (const lang of ['en', 'zh'] as const) {
      const left = tu(lang, 'status', { l: 6, L: 6, s: 3, S: 3 });
      const shown = fitStatus(
        left,
        statusEntries('step').map((e) => ({ text: tu(lang, e.label), priority: e.priority })),
        80,
      );
      expect(shown).toContain(tu(lang, 'keyEdit'));
      expect(shown).toContain(tu(lang, 'keyShell'));
      expect(shown).toContain(tu(lang, 'keyQuit'));
      expect(stringWidth(` ${left}   ${shown.join('  ')}`)).toBeLessThanOrEqual(80);
    }
  });
  test('help rows come from the table: every binding with words has a row', () => {
    const rows = helpRows('learn');
    for (const b of BINDINGS.filter((x) => x.help && !x.contexts.every((c) => c === 'menu' || c === 'present'))) expect(rows.map((r) => r.help)).toContain(b.help);
    expect(rows.find((r) => r.help === 'helpArrows')?.keys).toBe('↑ ↓ PgUp PgDn Home End');
  });
});

describe('step body', () => {
  const course = testCourse();
  const packet = '02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 192.168.100.2 tell 192.168.100.1, length 28';
  function withResult(): UiState {
    let s = reducer(initialState({ course }), { type: 'open', ref: '3.1' });
    s = reducer(s, { type: 'job-done', jobId: s.job!.id });
    s = reducer(s, { type: 'key', key: { input: '', return: true } });
    const step = course.lessons[2].steps[0];
    const out = Array.from({ length: 40 }, (_, i) => `output line ${i}`).join('\n') + '\n';
    s = reducer(s, { type: 'engine', event: { type: 'command-end', ref: '3.1', index: 0, result: { command: step.commands[0], code: 0, signal: null, timedOut: false, cancelled: false, stdout: out, stderr: '', output: out, durationMs: 1 } } });
    const result: StepResult = {
      ref: '3.1',
      step,
      commands: [],
      checks: [{ expectation: step.expect[0], passed: true, expectedFailure: false, label: 'tcpdump on br0 sees an ARP request', captured: [packet, 'b', 'c', 'd', 'e'] }],
      passed: true,
      explanations: [],
      proving: false,
      state: fixture('bridge-fixed'),
      durationMs: 1,
    };
    return reducer(s, { type: 'step-result', jobId: s.job!.id, result });
  }
  test('nothing is cut: every output line, every packet, wrapped to the width', () => {
    const body = stepBody({ state: withResult(), width: 60, missing: [], t: (k, v) => tu('en', k, v), paint: noPaint });
    const text = body.lines.join('\n');
    for (let i = 0; i < 40; i++) expect(text).toContain(`output line ${i}`);
    for (const p of ['b', 'c', 'd', 'e']) expect(body.lines).toContain(`    ${p}`);
    expect(text.replace(/\n\s+/g, ' ')).toContain('length 42: Request who-has 192.168.100.2 tell 192.168.100.1');
    for (const l of body.lines) expect(stringWidth(l)).toBeLessThanOrEqual(60);
    expect(body.anchor).toBe('end');
    expect(body.lines[body.focus!]).toContain('Step passed');
  });
});
