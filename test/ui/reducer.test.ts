import { describe, expect, test } from 'vitest';
import type { EngineEvent, StepResult } from '../../src/engine/types.js';
import type { CommandResult } from '../../src/lab/sandbox.js';
import { initialState, parseRef, phase, reducer, refOf, type Action, type KeyPress, type UiState } from '../../src/ui/state/reducer.js';
import { editorText } from '../../src/ui/state/line-editor.js';
import { testCourse } from './course.js';
import { fixture } from './fake-session.js';

const course = testCourse();
const key = (input: string, extra: Partial<KeyPress> = {}): Action => ({ type: 'key', key: { input, ...extra } });
const ENTER = key('', { return: true });
const ESC = key('', { escape: true });
const CTRL_C = key('c', { ctrl: true });
const text = (s: UiState) => (s.editor ? editorText(s.editor) : null);

function apply(s: UiState, ...actions: Action[]): UiState {
  return actions.reduce(reducer, s);
}

function cmdResult(command: string, code = 0, extra: Partial<CommandResult> = {}): CommandResult {
  return { command, code, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: '', output: '', durationMs: 1, ...extra };
}

function stepResult(ref: string, passed: boolean, extra: Partial<StepResult> = {}): StepResult {
  const c = parseRef(course, ref)!;
  const step = course.lessons[c.lesson].steps[c.step];
  return {
    ref,
    step,
    commands: step.commands.map((x) => cmdResult(x)),
    checks: step.expect.map((e) => ({ expectation: e, passed, expectedFailure: false, label: `${e.kind} check` })),
    passed,
    explanations: passed ? [] : [{ text: 'because', source: 'builtin' }],
    proving: false,
    state: fixture('empty'),
    durationMs: 1,
    ...extra,
  };
}

/** Opened at `ref` with the lab prepared. */
function ready(ref: string, init: Partial<Parameters<typeof initialState>[0]> = {}): UiState {
  const s = apply(initialState({ course, ...init }), { type: 'open', ref });
  return apply(s, { type: 'job-done', jobId: s.job!.id });
}

describe('start and the menu', () => {
  test('starts on the menu, at the lesson where the learner left off', () => {
    const s = initialState({ course, resume: '2.2', done: ['1.1', '1.2', '2.1'] });
    expect(s.screen).toBe('menu');
    expect(s.menuIndex).toBe(1);
    expect(s.job).toBeNull();
  });

  test('without a resume point the menu picks the first unfinished lesson', () => {
    expect(initialState({ course, done: ['1.1', '1.2'] }).menuIndex).toBe(1);
  });

  test('Enter on the menu continues at the step the learner left off', () => {
    const s = apply(initialState({ course, resume: '2.2', done: ['1.1', '1.2', '2.1'] }), ENTER);
    expect(s.screen).toBe('lesson');
    expect(refOf(s.cursor)).toBe('2.2');
    expect(s.job).toMatchObject({ kind: 'prepare', ref: '2.2' });
  });

  test('arrows move the selection (wrapping); Enter on another lesson opens its first unfinished step', () => {
    let s = initialState({ course, resume: '1.1', done: ['2.1'] });
    s = apply(s, key('', { downArrow: true }));
    expect(s.menuIndex).toBe(1);
    s = apply(s, key('', { upArrow: true }), key('', { upArrow: true }));
    expect(s.menuIndex).toBe(2);
    s = apply(s, key('', { upArrow: true }), ENTER);
    expect(refOf(s.cursor)).toBe('2.2');
  });

  test('a digit opens that lesson', () => {
    const s = apply(initialState({ course }), key('3'));
    expect(refOf(s.cursor)).toBe('3.1');
    expect(s.job?.kind).toBe('prepare');
  });

  test('l opens the menu from a lesson and Esc goes back without preparing again', () => {
    let s = ready('2.1');
    s = apply(s, key('l'));
    expect(s.screen).toBe('menu');
    expect(s.menuIndex).toBe(1);
    s = apply(s, ESC);
    expect(s.screen).toBe('lesson');
    expect(s.job).toBeNull();
  });

  test('open with an unknown ref stays put with a notice', () => {
    const s = apply(initialState({ course }), { type: 'open', ref: '9.9' });
    expect(s.screen).toBe('menu');
    expect(s.notice).toEqual({ key: 'noticeNoStep', vars: { ref: '9.9' } });
  });
});

describe('running a step', () => {
  test('Enter runs the step: a run job, the step commands shown as pending', () => {
    const s = apply(ready('2.1'), ENTER);
    expect(s.job).toMatchObject({ kind: 'run', ref: '2.1' });
    expect((s.job as { command?: string }).command).toBeUndefined();
    expect(s.run?.commands.map((c) => c.command)).toEqual(['ip link add veth0-0 type veth peer name veth0-1']);
    expect(phase(s)).toBe('running');
  });

  test('Enter while the lab is still being prepared runs as soon as it is ready', () => {
    let s = apply(initialState({ course }), { type: 'open', ref: '2.1' });
    const prep = s.job!.id;
    s = apply(s, ENTER);
    expect(s.job?.kind).toBe('prepare');
    expect(s.pendingRun).toEqual({ command: undefined });
    s = apply(s, { type: 'job-done', jobId: prep });
    expect(s.job).toMatchObject({ kind: 'run', ref: '2.1' });
  });

  test('engine events stream output into the run, sanitised, and finished commands into the transcript', () => {
    let s = apply(ready('2.1'), ENTER);
    const ev = (event: EngineEvent): Action => ({ type: 'engine', event });
    s = apply(
      s,
      ev({ type: 'step-start', ref: '2.1', step: course.lessons[1].steps[0], commands: ['cmd-a'] }),
      ev({ type: 'command-start', ref: '2.1', index: 0, command: 'cmd-a' }),
      ev({ type: 'output', ref: '2.1', index: 0, chunk: '\u001b[31mred\u001b[0m line\r\n', fd: 1 }),
      ev({ type: 'output', ref: '9.9', index: 0, chunk: 'not mine', fd: 1 }),
      ev({ type: 'output', ref: '2.1', index: 0, chunk: 'progress 10%\rprogress 100%\n', fd: 2 }),
    );
    expect(s.run?.commands[0].output).toBe('red line\nprogress 100%\n');
    const before = s.transcript.length;
    s = apply(s, ev({ type: 'command-end', ref: '2.1', index: 0, result: cmdResult('cmd-a', 0, { output: 'red line\nprogress 100%\n' }) }));
    expect(s.transcript.length).toBe(before + 1);
    expect(s.transcript.at(-1)).toMatchObject({ kind: 'command', command: 'cmd-a', output: 'red line\nprogress 100%' });
  });

  test('replay progress is kept while a job runs', () => {
    let s = apply(initialState({ course }), { type: 'open', ref: '3.1' });
    s = apply(s, { type: 'engine', event: { type: 'replay-progress', done: 2, total: 4, ref: '2.1' } });
    expect(s.replay).toEqual({ done: 2, total: 4, ref: '2.1' });
    expect(phase(s)).toBe('preparing');
  });

  test('a passing result marks the step done; Enter then goes to the next step', () => {
    let s = apply(ready('2.1'), ENTER);
    s = apply(s, { type: 'step-result', jobId: s.job!.id, result: stepResult('2.1', true) });
    expect(s.done).toContain('2.1');
    expect(s.job).toBeNull();
    expect(s.transcript.at(-1)).toMatchObject({ kind: 'checks', passed: true });
    s = apply(s, ENTER);
    expect(refOf(s.cursor)).toBe('2.2');
    expect(s.job).toMatchObject({ kind: 'prepare', ref: '2.2' });
    expect(s.result).toBeNull();
  });

  test('a failed result keeps the step; Enter runs it again', () => {
    let s = apply(ready('2.1'), ENTER);
    s = apply(s, { type: 'step-result', jobId: s.job!.id, result: stepResult('2.1', false) });
    expect(s.done).not.toContain('2.1');
    s = apply(s, ENTER);
    expect(s.job).toMatchObject({ kind: 'run', ref: '2.1' });
  });

  test('passing the last step of the course returns to the menu', () => {
    let s = apply(ready('3.1'), ENTER);
    s = apply(s, { type: 'step-result', jobId: s.job!.id, result: stepResult('3.1', true) }, ENTER);
    expect(s.screen).toBe('menu');
    expect(s.notice?.key).toBe('noticeCourseDone');
  });

  test('results of a superseded job are ignored', () => {
    let s = apply(initialState({ course }), { type: 'open', ref: '1.1' });
    const old = s.job!.id;
    s = apply(s, key('n'));
    s = apply(s, { type: 'job-done', jobId: old });
    expect(s.job?.kind).toBe('prepare');
    expect(s.job?.id).not.toBe(old);
    s = apply(s, { type: 'step-result', jobId: old, result: stepResult('1.1', true) });
    expect(s.result).toBeNull();
  });

  test('a failing job shows an error; Enter prepares again', () => {
    let s = apply(initialState({ course }), { type: 'open', ref: '1.1' });
    s = apply(s, { type: 'job-failed', jobId: s.job!.id, error: 'userns-apparmor: denied' });
    expect(phase(s)).toBe('error');
    expect(s.error).toEqual({ key: 'errorPrepare', detail: 'userns-apparmor: denied' });
    s = apply(s, ENTER);
    expect(s.error).toBeNull();
    expect(s.job).toMatchObject({ kind: 'prepare', ref: '1.1' });
  });
});

describe('keys in the lesson view', () => {
  test('n and p move between steps, across lessons, and say so at the ends', () => {
    let s = ready('1.2');
    s = apply(s, key('n'));
    expect(refOf(s.cursor)).toBe('2.1');
    expect(s.job).toMatchObject({ kind: 'prepare', ref: '2.1' });
    s = apply(s, key('p'), key('p'));
    expect(refOf(s.cursor)).toBe('1.1');
    s = apply(s, { type: 'job-done', jobId: s.job!.id }, key('p'));
    expect(refOf(s.cursor)).toBe('1.1');
    expect(s.notice?.key).toBe('noticeFirst');
    s = ready('3.1');
    s = apply(s, key('n'));
    expect(s.notice?.key).toBe('noticeLast');
  });

  test('n, p, s and e are refused while a step runs', () => {
    const s = apply(ready('2.1'), ENTER);
    for (const k of ['n', 'p', 's', 'e']) {
      const t = apply(s, key(k));
      expect(t.cursor).toEqual(s.cursor);
      expect(t.exit).toBeNull();
      expect(t.editor).toBeNull();
      expect(t.notice?.key).toBe('noticeBusy');
    }
  });

  test('h reveals one more hint per press, then says there are no more', () => {
    let s = ready('2.1');
    s = apply(s, key('h'));
    expect(s.hints).toBe(1);
    s = apply(s, key('h'), key('h'));
    expect(s.hints).toBe(3);
    s = apply(s, key('h'));
    expect(s.hints).toBe(3);
    expect(s.notice?.key).toBe('noticeNoHints');
    s = apply(s, key('n'));
    expect(s.hints).toBe(0);
  });

  test('e: typing (CJK too), backspace by character, Enter runs the typed command', () => {
    let s = apply(ready('2.1'), key('e'));
    expect(text(s)).toBe('');
    s = apply(s, key('ip link add x'), key('q'), key('?'), key('中文'));
    expect(text(s)).toBe('ip link add xq?中文');
    expect(s.exit).toBeNull();
    expect(s.help).toBe(false);
    s = apply(s, key('', { backspace: true }), key('', { delete: true }), key('', { backspace: true }), key('', { backspace: true }));
    expect(text(s)).toBe('ip link add xq');
    s = apply(s, key('', { leftArrow: true }), key('', { delete: true }));
    expect(text(s)).toBe('ip link add x');
    s = apply(s, ENTER);
    expect(s.editor).toBeNull();
    expect(s.job).toMatchObject({ kind: 'run', ref: '2.1', command: 'ip link add x' });
    expect(s.run?.custom).toBe('ip link add x');
  });

  test('e: Esc cancels, an empty line is refused', () => {
    let s = apply(ready('2.1'), key('e'), ENTER);
    expect(s.job).toBeNull();
    expect(s.notice?.key).toBe('noticeEmpty');
    s = apply(s, key('ls'), ESC);
    expect(s.editor).toBeNull();
    expect(s.job).toBeNull();
  });

  test('a command typed while the lab is being prepared waits for it', () => {
    let s = apply(initialState({ course }), { type: 'open', ref: '2.1' });
    const prep = s.job!.id;
    s = apply(s, key('e'), key('ip link'), ENTER);
    expect(s.pendingRun).toEqual({ command: 'ip link' });
    s = apply(s, { type: 'job-done', jobId: prep });
    expect(s.job).toMatchObject({ kind: 'run', command: 'ip link' });
  });

  test('t toggles the topology, ? opens help and any key closes it', () => {
    let s = ready('2.1');
    expect(s.showTopology).toBe(true);
    s = apply(s, key('t'));
    expect(s.showTopology).toBe(false);
    s = apply(s, key('?'));
    expect(s.help).toBe(true);
    s = apply(s, key('n'));
    expect(s.help).toBe(false);
    expect(refOf(s.cursor)).toBe('2.1');
  });

  test('r resets: a reset job for the current step', () => {
    const s = apply(ready('2.2'), key('r'));
    expect(s.job).toMatchObject({ kind: 'reset', ref: '2.2' });
  });

  test('arrows scroll the step view within the limit the view reports', () => {
    let s = ready('2.1');
    const view = { top: 0, max: 2, page: 5 };
    s = apply(s, { type: 'key', key: { input: '', downArrow: true }, view });
    s = apply(s, { type: 'key', key: { input: '', downArrow: true }, view });
    s = apply(s, { type: 'key', key: { input: '', downArrow: true }, view });
    expect(s.scroll).toBe(2);
    s = apply(s, { type: 'key', key: { input: '', upArrow: true }, view });
    expect(s.scroll).toBe(1);
  });

  test('s asks to leave Ink for a shell; coming back re-checks the step', () => {
    let s = apply(ready('2.1'), key('s'));
    expect(s.exit).toEqual({ reason: 'shell', code: 0 });
    s = apply(s, { type: 'shell-returned' });
    expect(s.exit).toBeNull();
    expect(s.job).toMatchObject({ kind: 'recheck', ref: '2.1' });
    s = apply(s, { type: 'step-result', jobId: s.job!.id, result: stepResult('2.1', true, { commands: [] }) });
    expect(s.resultSource).toBe('recheck');
    expect(s.done).toContain('2.1');
    expect(s.notice?.key).toBe('noticeShellBack');
  });

  test('a shell that fails to start is reported and nothing is re-checked', () => {
    const s = apply(ready('2.1'), key('s'), { type: 'shell-returned', error: 'no tty' });
    expect(s.job).toBeNull();
    expect(s.notice).toEqual({ key: 'noticeShellFailed', vars: { error: 'no tty' } });
  });
});

describe('quitting and Ctrl+C', () => {
  test('q quits with code 0', () => {
    expect(apply(ready('1.1'), key('q')).exit).toEqual({ reason: 'quit', code: 0 });
    expect(apply(initialState({ course }), key('q')).exit).toEqual({ reason: 'quit', code: 0 });
  });

  test('Ctrl+C first cancels the running command, the second press quits', () => {
    let s = apply(ready('2.1'), ENTER);
    s = apply(s, CTRL_C);
    expect(s.cancelling).toBe(true);
    expect(s.exit).toBeNull();
    expect(s.notice?.key).toBe('noticeCancelled');
    s = apply(s, CTRL_C);
    expect(s.exit).toEqual({ reason: 'quit', code: 130 });
  });

  test('Ctrl+C after the cancelled step has settled quits', () => {
    let s = apply(ready('2.1'), ENTER, CTRL_C);
    const r = stepResult('2.1', false, { commands: [cmdResult('x', 0, { cancelled: true, code: null })] });
    s = apply(s, { type: 'step-result', jobId: s.job!.id, result: r });
    expect(s.cancelling).toBe(false);
    expect(s.exit).toBeNull();
    s = apply(s, CTRL_C);
    expect(s.exit?.code).toBe(130);
  });

  test('Ctrl+C when nothing runs quits; while typing it first clears the line, then leaves typing', () => {
    let s = apply(ready('1.1'), key('e'), key('ip li'), CTRL_C);
    expect(text(s)).toBe('');
    expect(s.exit).toBeNull();
    s = apply(s, CTRL_C);
    expect(s.editor).toBeNull();
    expect(s.exit).toBeNull();
    expect(apply(s, CTRL_C).exit?.code).toBe(130);
  });

  test('a cancelled job that fails is not shown as an error', () => {
    let s = apply(ready('2.1'), ENTER, CTRL_C);
    s = apply(s, { type: 'job-failed', jobId: s.job!.id, error: 'aborted' });
    expect(s.error).toBeNull();
    expect(s.job).toBeNull();
  });
});

describe('presenter mode', () => {
  test('opening a step runs it; after the result it waits; advance runs the next', () => {
    let s = apply(initialState({ course, mode: 'present' }), { type: 'open', ref: '1.1' });
    expect(s.job).toMatchObject({ kind: 'run', ref: '1.1' });
    s = apply(s, { type: 'step-result', jobId: s.job!.id, result: stepResult('1.1', true) });
    expect(s.present.waiting).toBe(true);
    expect(s.done).toEqual([]);
    expect(s.transcript).toEqual([]);
    s = apply(s, { type: 'present-advance' });
    expect(s.job).toMatchObject({ kind: 'run', ref: '1.2' });
    expect(s.present.waiting).toBe(false);
  });

  test('space and Enter go on; at the end of the course it says so', () => {
    let s = apply(initialState({ course, mode: 'present' }), { type: 'open', ref: '3.1' });
    s = apply(s, { type: 'step-result', jobId: s.job!.id, result: stepResult('3.1', true) }, key(' '));
    expect(s.present.finished).toBe(true);
    expect(s.job).toBeNull();
  });

  test('advance is ignored while a step runs', () => {
    const s = apply(initialState({ course, mode: 'present' }), { type: 'open', ref: '1.1' });
    expect(apply(s, key(' '))).toBe(s);
    expect(apply(s, { type: 'present-advance' })).toBe(s);
  });
});
