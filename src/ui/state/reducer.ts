/**
 * The whole UI state and how it changes: a pure reducer over a typed action
 * union. Keys, engine events and job outcomes all come in as actions; the
 * session calls they call for are described by `job` and carried out by
 * hooks (see ../hooks/use-engine.ts). Nothing here touches Ink, the lab or
 * the clock, so it is tested on its own, and it survives Ink being unmounted
 * while the learner is in a shell.
 */
import type { CommandResult } from '../../lab/sandbox.js';
import type { LabState } from '../../lab/state.js';
import type { Course } from '../../lesson/types.js';
import type { EngineEvent, StepResult } from '../../engine/types.js';
import type { MessageKey } from '../messages.js';
import { capText, sanitizeOutput } from '../text.js';

/** 0-based place in the course. */
export interface Cursor {
  lesson: number;
  step: number;
}

export type Job =
  | { id: number; kind: 'prepare'; ref: string }
  | { id: number; kind: 'run'; ref: string; command?: string }
  | { id: number; kind: 'recheck'; ref: string }
  | { id: number; kind: 'reset'; ref: string };

export type JobKind = Job['kind'];

export interface LiveCommand {
  command: string;
  /** Sanitised output so far, capped to its end. */
  output: string;
  result?: CommandResult;
}

export interface RunView {
  ref: string;
  /** The learner's own command line ('e'), when it replaced the step's commands. */
  custom?: string;
  commands: LiveCommand[];
  /** The tool whose absence made the step run its `without` commands. */
  substituted?: string;
}

export interface CheckLine {
  passed: boolean;
  expectedFailure: boolean;
  label: string;
  actual?: string;
}

/** Finished output, printed once above the live view (Ink's <Static>). */
export type TranscriptItem =
  | { id: number; kind: 'step'; ref: string; title: string }
  | { id: number; kind: 'command'; command: string; output: string; result: CommandResult }
  | { id: number; kind: 'checks'; ref: string; passed: boolean; checks: CheckLine[] };

export interface Notice {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export interface UiState {
  course: Course;
  mode: 'learn' | 'present';
  screen: 'menu' | 'lesson';
  help: boolean;
  menuIndex: number;
  cursor: Cursor;
  /** A lesson view has been shown (Esc from the menu goes back to it). */
  opened: boolean;
  /** Where the learner left off, from the progress file. */
  resume: string | null;
  /** The session call in progress; hooks perform it. */
  job: Job | null;
  nextId: number;
  /** Ctrl+C was pressed during the job: the hook aborts it. */
  cancelling: boolean;
  /** Enter (or a typed command) while the lab was still being prepared: run once it is ready. */
  pendingRun: { command?: string } | null;
  replay: { done: number; total: number; ref: string } | null;
  run: RunView | null;
  result: StepResult | null;
  resultSource: 'run' | 'custom' | 'recheck' | null;
  error: { key: MessageKey; detail: string } | null;
  hints: number;
  /** The command line being typed after 'e'; null when not typing. */
  editing: string | null;
  topology: LabState | null;
  showTopology: boolean;
  scroll: number;
  /** Refs of passed steps. */
  done: string[];
  notice: Notice | null;
  transcript: TranscriptItem[];
  present: { waiting: boolean; finished: boolean };
  labMode?: 'root' | 'rootless';
  /** Set to leave Ink: quit for good, or hand the terminal to a shell and come back. */
  exit: { reason: 'quit' | 'shell'; code: number } | null;
}

/** A key, as Ink's useInput reports it (only the fields the UI uses). */
export interface KeyPress {
  input: string;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
}

export type Action =
  | { type: 'key'; key: KeyPress; scrollMax?: number }
  | { type: 'open'; ref: string }
  | { type: 'engine'; event: EngineEvent }
  | { type: 'job-done'; jobId: number }
  | { type: 'step-result'; jobId: number; result: StepResult }
  | { type: 'job-failed'; jobId: number; error: string }
  | { type: 'topology'; state: LabState }
  | { type: 'shell-returned'; error?: string }
  | { type: 'present-advance' }
  | { type: 'notice'; notice: Notice | null };

const OUTPUT_CAP = 32 * 1024;
const TRANSCRIPT_LINES = 200;

export const refOf = (c: Cursor): string => `${c.lesson + 1}.${c.step + 1}`;

/** "2.1" (or "2" for its first step) -> cursor, when the course has that step. */
export function parseRef(course: Course, ref: string): Cursor | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const lesson = Number(m[1]) - 1;
  const step = m[2] ? Number(m[2]) - 1 : 0;
  const l = course.lessons[lesson];
  return l && step >= 0 && step < l.steps.length ? { lesson, step } : null;
}

export function stepAt(course: Course, c: Cursor) {
  return course.lessons[c.lesson]?.steps[c.step];
}

function flat(course: Course): Cursor[] {
  const out: Cursor[] = [];
  course.lessons.forEach((l, lesson) => l.steps.forEach((_, step) => out.push({ lesson, step })));
  return out;
}

export function neighbour(course: Course, c: Cursor, delta: 1 | -1): Cursor | null {
  const all = flat(course);
  const i = all.findIndex((x) => x.lesson === c.lesson && x.step === c.step);
  return all[i + delta] ?? null;
}

export function lessonStatus(s: Pick<UiState, 'course' | 'done' | 'resume' | 'cursor' | 'opened'>, lesson: number): 'done' | 'current' | 'todo' {
  const l = s.course.lessons[lesson];
  if (l.steps.every((_, i) => s.done.includes(`${lesson + 1}.${i + 1}`))) return 'done';
  const here = s.opened ? s.cursor.lesson : resumeLesson(s);
  return here === lesson ? 'current' : 'todo';
}

/** Where Enter in the menu takes the learner for a lesson. */
export function entryFor(s: UiState, lesson: number): Cursor {
  if (s.opened && s.cursor.lesson === lesson) return s.cursor;
  const r = s.resume ? parseRef(s.course, s.resume) : null;
  if (r && r.lesson === lesson) return r;
  const steps = s.course.lessons[lesson].steps;
  const todo = steps.findIndex((_, i) => !s.done.includes(`${lesson + 1}.${i + 1}`));
  return { lesson, step: todo < 0 ? 0 : todo };
}

/** The lesson the menu starts on: where the learner left off, else the first unfinished one. */
export function resumeLesson(s: Pick<UiState, 'course' | 'done' | 'resume'>): number {
  const r = s.resume ? parseRef(s.course, s.resume) : null;
  if (r) return r.lesson;
  const i = s.course.lessons.findIndex((l, li) => l.steps.some((_, si) => !s.done.includes(`${li + 1}.${si + 1}`)));
  return i < 0 ? 0 : i;
}

export interface InitOptions {
  course: Course;
  mode?: 'learn' | 'present';
  done?: string[];
  resume?: string | null;
  labMode?: 'root' | 'rootless';
}

export function initialState(o: InitOptions): UiState {
  const base: UiState = {
    course: o.course,
    mode: o.mode ?? 'learn',
    screen: 'menu',
    help: false,
    menuIndex: 0,
    cursor: { lesson: 0, step: 0 },
    opened: false,
    resume: o.resume ?? null,
    job: null,
    nextId: 1,
    cancelling: false,
    pendingRun: null,
    replay: null,
    run: null,
    result: null,
    resultSource: null,
    error: null,
    hints: 0,
    editing: null,
    topology: null,
    showTopology: true,
    scroll: 0,
    done: o.done ?? [],
    notice: null,
    transcript: [],
    present: { waiting: false, finished: false },
    labMode: o.labMode,
    exit: null,
  };
  return { ...base, menuIndex: resumeLesson(base) };
}

const busy = (s: UiState) => s.job !== null && (s.job.kind === 'run' || s.job.kind === 'recheck');

function note(s: UiState, key: MessageKey, vars?: Notice['vars']): UiState {
  return { ...s, notice: { key, vars } };
}

function withJob(s: UiState, job: Omit<Job, 'id'>): UiState {
  return { ...s, job: { ...job, id: s.nextId } as Job, nextId: s.nextId + 1, cancelling: false, replay: null };
}

type NewItem = TranscriptItem extends infer T ? (T extends TranscriptItem ? Omit<T, 'id'> : never) : never;

function transcript(s: UiState, item: NewItem): UiState {
  if (s.mode === 'present') return s;
  const id = s.transcript.length ? s.transcript[s.transcript.length - 1].id + 1 : 1;
  return { ...s, transcript: [...s.transcript, { ...item, id } as TranscriptItem] };
}

/** Shows step `c` and has the lab prepared for it (in presenter mode: run it). */
function goTo(s: UiState, c: Cursor): UiState {
  const ref = refOf(c);
  const moved: UiState = {
    ...s,
    screen: 'lesson',
    help: false,
    opened: true,
    cursor: c,
    resume: s.mode === 'learn' ? ref : s.resume,
    run: null,
    result: null,
    resultSource: null,
    error: null,
    hints: 0,
    editing: null,
    scroll: 0,
    notice: null,
    pendingRun: null,
    present: { waiting: false, finished: false },
  };
  return s.mode === 'present' ? startRun(moved) : withJob(moved, { kind: 'prepare', ref });
}

function startRun(s: UiState, command?: string): UiState {
  const ref = refOf(s.cursor);
  const step = stepAt(s.course, s.cursor)!;
  let next = withJob(s, { kind: 'run', ref, command } as Omit<Job, 'id'>);
  next = {
    ...next,
    run: { ref, custom: command, commands: (command !== undefined ? [command] : step.commands).map((c) => ({ command: c, output: '' })) },
    result: null,
    resultSource: null,
    error: null,
    editing: null,
    pendingRun: null,
    notice: null,
  };
  return transcript(next, { kind: 'step', ref, title: step.title });
}

/** Enter, or a typed command: run now, or as soon as the lab is prepared. */
function requestRun(s: UiState, command?: string): UiState {
  if (busy(s)) return note(s, 'noticeBusy');
  if (s.job) return { ...s, editing: null, pendingRun: { command }, run: command !== undefined ? { ref: refOf(s.cursor), custom: command, commands: [{ command, output: '' }] } : s.run };
  return startRun(s, command);
}

function move(s: UiState, delta: 1 | -1): UiState {
  if (busy(s)) return note(s, 'noticeBusy');
  const c = neighbour(s.course, s.cursor, delta);
  if (!c) return note(s, delta > 0 ? 'noticeLast' : 'noticeFirst');
  return goTo(s, c);
}

function nextAfterPass(s: UiState): UiState {
  const c = neighbour(s.course, s.cursor, 1);
  if (c) return goTo(s, c);
  return { ...note(s, 'noticeCourseDone'), screen: 'menu', menuIndex: s.cursor.lesson };
}

function quit(s: UiState, code: number): UiState {
  return { ...s, exit: { reason: 'quit', code } };
}

function isCtrlC(k: KeyPress): boolean {
  return (k.ctrl === true && k.input === 'c') || k.input === '\u0003';
}

function editKey(s: UiState, k: KeyPress): UiState {
  const text = s.editing ?? '';
  if (k.return) {
    if (!text.trim()) return note(s, 'noticeEmpty');
    return requestRun({ ...s, editing: null }, text.trim());
  }
  if (k.escape) return { ...s, editing: null, notice: null };
  if (k.backspace || k.delete) return { ...s, editing: [...new Intl.Segmenter().segment(text)].slice(0, -1).map((x) => x.segment).join('') };
  if (k.ctrl && k.input === 'u') return { ...s, editing: '' };
  if (k.ctrl || k.meta || k.tab || k.upArrow || k.downArrow || k.leftArrow || k.rightArrow || k.pageUp || k.pageDown) return s;
  // Pasted text may carry line breaks; a command is one line.
  // eslint-disable-next-line no-control-regex
  const add = k.input.replace(/\r\n|\r|\n/g, ' ').replace(/[\u0000-\u001F\u007F]/g, '');
  return add ? { ...s, editing: text + add, notice: null } : s;
}

function menuKey(s: UiState, k: KeyPress): UiState {
  const n = s.course.lessons.length;
  if (k.upArrow || k.input === 'k') return { ...s, menuIndex: (s.menuIndex - 1 + n) % n, notice: null };
  if (k.downArrow || k.input === 'j' || k.tab) return { ...s, menuIndex: (s.menuIndex + 1) % n, notice: null };
  const digit = /^[1-9]$/.test(k.input) ? Number(k.input) - 1 : -1;
  if (k.return || (digit >= 0 && digit < n)) {
    const lesson = digit >= 0 ? digit : s.menuIndex;
    const c = entryFor(s, lesson);
    // Back to the step already on screen: nothing to prepare.
    if (s.opened && c.lesson === s.cursor.lesson && c.step === s.cursor.step) return { ...s, screen: 'lesson', menuIndex: lesson, notice: null };
    if (busy(s)) return note(s, 'noticeBusy');
    return goTo({ ...s, menuIndex: lesson }, c);
  }
  if ((k.escape || k.input === 'l') && s.opened) return { ...s, screen: 'lesson', notice: null };
  return s;
}

function lessonKey(s: UiState, k: KeyPress, scrollMax: number): UiState {
  const passed = s.result?.passed === true && s.result.ref === refOf(s.cursor);
  if (k.return) {
    if (s.error && !s.job) return { ...withJob({ ...s, error: null, notice: null }, { kind: 'prepare', ref: refOf(s.cursor) }) };
    if (passed && !s.job) return nextAfterPass(s);
    return requestRun(s);
  }
  if (k.upArrow) return { ...s, scroll: Math.max(0, Math.min(s.scroll, scrollMax) - 1) };
  if (k.downArrow) return { ...s, scroll: Math.min(scrollMax, s.scroll + 1) };
  if (k.pageUp) return { ...s, scroll: Math.max(0, Math.min(s.scroll, scrollMax) - 5) };
  if (k.pageDown) return { ...s, scroll: Math.min(scrollMax, s.scroll + 5) };
  if (k.escape) return { ...s, notice: null };
  switch (k.input) {
    case 'n':
      return move(s, 1);
    case 'p':
      return move(s, -1);
    case 'h': {
      const total = stepAt(s.course, s.cursor)?.hints.length ?? 0;
      if (s.hints >= total) return note(s, 'noticeNoHints');
      return { ...s, hints: s.hints + 1, notice: null };
    }
    case 'e':
      if (busy(s)) return note(s, 'noticeBusy');
      return { ...s, editing: '', notice: null };
    case 's':
      if (s.job) return note(s, 'noticeBusy');
      return { ...s, exit: { reason: 'shell', code: 0 }, notice: null };
    case 't':
      return { ...s, showTopology: !s.showTopology };
    case 'r':
      if (busy(s)) return note(s, 'noticeBusy');
      return withJob({ ...s, run: null, result: null, resultSource: null, error: null, notice: null, pendingRun: null }, { kind: 'reset', ref: refOf(s.cursor) });
    case 'l':
      return { ...s, screen: 'menu', menuIndex: s.cursor.lesson, notice: null };
    default:
      return s;
  }
}

function presentKey(s: UiState, k: KeyPress): UiState {
  if (k.return || k.input === ' ') {
    if (s.job) return s;
    if (s.screen === 'menu' || !s.opened) return goTo(s, s.cursor);
    return advance(s);
  }
  if (k.input === 'p') {
    if (s.job) return s;
    const c = neighbour(s.course, s.cursor, -1);
    return c ? goTo(s, c) : note(s, 'noticeFirst');
  }
  return s;
}

function advance(s: UiState): UiState {
  if (s.job) return s;
  const c = neighbour(s.course, s.cursor, 1);
  if (!c) return { ...s, present: { waiting: false, finished: true } };
  return goTo(s, c);
}

function onKey(s: UiState, k: KeyPress, scrollMax = 0): UiState {
  if (isCtrlC(k)) {
    if (s.job && !s.cancelling) return { ...s, cancelling: true, pendingRun: null, notice: { key: 'noticeCancelled' } };
    return quit(s, 130);
  }
  if (s.help) return { ...s, help: false };
  if (s.editing !== null && s.screen === 'lesson') return editKey(s, k);
  if (k.input === 'q') return quit(s, 0);
  if (k.input === '?') return { ...s, help: true };
  if (s.mode === 'present') return presentKey(s, k);
  if (s.screen === 'menu') return menuKey(s, k);
  return lessonKey(s, k, scrollMax);
}

function onEngine(s: UiState, e: EngineEvent): UiState {
  switch (e.type) {
    case 'lab-ready':
      return { ...s, labMode: e.mode };
    case 'replay-progress':
      return s.job ? { ...s, replay: { done: e.done, total: e.total, ref: e.ref } } : s;
    case 'step-start': {
      if (s.job?.kind !== 'run' || !s.run || e.ref !== s.run.ref) return s;
      return { ...s, replay: null, run: { ...s.run, substituted: e.substituted, commands: e.commands.map((command) => ({ command, output: '' })) } };
    }
    case 'command-start': {
      if (!s.run || s.job?.kind !== 'run' || e.ref !== s.run.ref) return s;
      const commands = [...s.run.commands];
      commands[e.index] = { ...(commands[e.index] ?? { output: '' }), command: e.command };
      return { ...s, replay: null, run: { ...s.run, commands } };
    }
    case 'output': {
      if (!s.run || s.job?.kind !== 'run' || e.ref !== s.run.ref) return s;
      const commands = [...s.run.commands];
      const c = commands[e.index] ?? { command: '', output: '' };
      commands[e.index] = { ...c, output: capText(c.output + sanitizeOutput(e.chunk), OUTPUT_CAP) };
      return { ...s, run: { ...s.run, commands } };
    }
    case 'command-end': {
      if (!s.run || s.job?.kind !== 'run' || e.ref !== s.run.ref) return s;
      const commands = [...s.run.commands];
      const c = commands[e.index] ?? { command: e.result.command, output: '' };
      // The result carries the whole output; prefer it to what streamed in.
      const output = e.result.output ? capText(sanitizeOutput(e.result.output), OUTPUT_CAP) : c.output;
      commands[e.index] = { ...c, output, result: e.result };
      const lines = output.replace(/\n$/, '').split('\n');
      const kept = lines.length > TRANSCRIPT_LINES ? lines.slice(-TRANSCRIPT_LINES).join('\n') : output.replace(/\n$/, '');
      return transcript({ ...s, run: { ...s.run, commands } }, { kind: 'command', command: c.command || e.result.command, output: kept, result: e.result });
    }
    case 'step-end':
      return s;
    case 'explanations':
      return s.result?.ref === e.ref && !s.result.passed ? { ...s, result: { ...s.result, explanations: e.explanations, proving: e.proving } } : s;
    case 'lab-position':
      return s;
  }
}

export function reducer(s: UiState, a: Action): UiState {
  switch (a.type) {
    case 'key':
      return onKey(s, a.key, a.scrollMax);
    case 'open': {
      const c = parseRef(s.course, a.ref);
      if (!c) return note(s, 'noticeNoStep', { ref: a.ref });
      return goTo(s, c);
    }
    case 'engine':
      return onEngine(s, a.event);
    case 'job-done': {
      if (s.job?.id !== a.jobId) return s;
      const pending = s.pendingRun;
      const done: UiState = { ...s, job: null, replay: null, cancelling: false, pendingRun: null };
      return pending ? startRun(done, pending.command) : done;
    }
    case 'step-result': {
      if (s.job?.id !== a.jobId) return s;
      const job = s.job;
      const r = a.result;
      const source = job.kind === 'recheck' ? 'recheck' : job.kind === 'run' && job.command !== undefined ? 'custom' : 'run';
      let next: UiState = {
        ...s,
        job: null,
        cancelling: false,
        replay: null,
        result: r,
        resultSource: source,
        error: null,
        done: r.passed && !s.done.includes(r.ref) && s.mode === 'learn' ? [...s.done, r.ref] : s.done,
        present: { waiting: s.mode === 'present', finished: false },
        notice: job.kind === 'recheck' ? { key: 'noticeShellBack' } : s.notice,
      };
      if (job.kind === 'recheck') next = { ...next, run: null };
      return transcript(next, {
        kind: 'checks',
        ref: r.ref,
        passed: r.passed,
        checks: r.checks.map((c) => ({ passed: c.passed, expectedFailure: c.expectedFailure, label: c.label, actual: c.actual })),
      });
    }
    case 'job-failed': {
      if (s.job?.id !== a.jobId) return s;
      const kind = s.job.kind;
      const base: UiState = { ...s, job: null, replay: null, pendingRun: null };
      if (s.cancelling) return { ...base, cancelling: false };
      const key: MessageKey = kind === 'run' ? 'errorRun' : kind === 'recheck' ? 'errorRecheck' : 'errorPrepare';
      return { ...base, error: { key, detail: a.error }, present: { waiting: s.mode === 'present', finished: false } };
    }
    case 'topology':
      return { ...s, topology: a.state };
    case 'shell-returned': {
      const back: UiState = { ...s, exit: null };
      if (a.error) return note(back, 'noticeShellFailed', { error: a.error });
      return withJob({ ...back, run: null, result: null, resultSource: null, error: null, notice: null }, { kind: 'recheck', ref: refOf(s.cursor) });
    }
    case 'present-advance':
      return s.present.waiting ? advance(s) : s;
    case 'notice':
      return { ...s, notice: a.notice };
  }
}

/** What the lesson view is doing now, for spinners and the status line. */
export function phase(s: UiState): 'idle' | 'preparing' | 'running' | 'rechecking' | 'resetting' | 'error' {
  if (s.job) {
    if (s.job.kind === 'prepare') return 'preparing';
    if (s.job.kind === 'run') return s.replay ? 'preparing' : 'running';
    return s.job.kind === 'recheck' ? 'rechecking' : 'resetting';
  }
  return s.error ? 'error' : 'idle';
}
