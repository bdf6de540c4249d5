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
import type { StepResult } from '../../engine/types.js';
import { intentFor, splitKeys, type Intent, type KeyContext, type KeyPress } from '../keys.js';
import type { MessageKey } from '../messages.js';
import { capText, sanitizeOutput } from '../text.js';
import type { EngineEvent, Explanation, LabPosition } from '../../engine/types.js';
import { editLine, editorText, emptyEditor, insertText, type LineEditor } from './line-editor.js';

export type { KeyPress } from '../keys.js';

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
  /** Characters of output dropped from the start to keep it within the cap (said on screen). */
  cut?: number;
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
  | { id: number; kind: 'command'; command: string; output: string; result: CommandResult; cutLines?: number }
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
  /** First line of the help shown (it scrolls when the terminal is short). */
  helpScroll: number | null;
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
  editor: LineEditor | null;
  /** Commands typed in this session, oldest first (↑ recalls them). */
  history: string[];
  topology: LabState | null;
  showTopology: boolean;
  /** First line of the step view shown; null follows the view's anchor (the newest result). */
  scroll: number | null;
  /** Every explanation of a failed step, not only the best one. */
  allExplanations: boolean;
  /** Explanations that replaced the result's own as fixes were proven, and whether more are coming. */
  explained: { ref: string; explanations: Explanation[]; proving: boolean } | null;
  /** Which lab the next command runs in, as the engine last said. */
  lab: { ref: string; position: LabPosition } | null;
  /** Refs of passed steps. */
  done: string[];
  notice: Notice | null;
  transcript: TranscriptItem[];
  present: { waiting: boolean; finished: boolean };
  labMode?: 'root' | 'rootless';
  /** Set to leave Ink: quit for good, or hand the terminal to a shell and come back. */
  exit: { reason: 'quit' | 'shell'; code: number } | null;
}

export type Action =
  | { type: 'key'; key: KeyPress; view?: ViewMetrics }
  | { type: 'open'; ref: string }
  | { type: 'engine'; event: EngineEvent }
  | { type: 'job-done'; jobId: number }
  | { type: 'step-result'; jobId: number; result: StepResult }
  | { type: 'job-failed'; jobId: number; error: string }
  | { type: 'topology'; state: LabState }
  | { type: 'shell-returned'; error?: string }
  | { type: 'present-advance' }
  | { type: 'notice'; notice: Notice | null };

/** What the step view last drew: the first line shown, the largest first line, and a page. */
export interface ViewMetrics {
  top: number;
  max: number;
  page: number;
}

const OUTPUT_CAP = 32 * 1024;
const TRANSCRIPT_LINES = 200;

const countLines = (text: string): number => (text.match(/\n/g) ?? []).length;

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
    helpScroll: null,
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
    editor: null,
    history: [],
    topology: null,
    showTopology: true,
    scroll: null,
    allExplanations: false,
    explained: null,
    lab: null,
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
    editor: null,
    scroll: null,
    allExplanations: false,
    explained: null,
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
    editor: null,
    pendingRun: null,
    notice: null,
    scroll: null,
    allExplanations: false,
    explained: null,
  };
  return transcript(next, { kind: 'step', ref, title: step.title });
}

/** Enter, or a typed command: run now, or as soon as the lab is prepared. */
function requestRun(s: UiState, command?: string): UiState {
  if (busy(s)) return note(s, 'noticeBusy');
  if (s.job) return { ...s, editor: null, pendingRun: { command }, run: command !== undefined ? { ref: refOf(s.cursor), custom: command, commands: [{ command, output: '' }] } : s.run };
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

/** Which part of the key table applies now. */
export function keyContext(s: UiState): KeyContext {
  if (s.help) return 'help';
  if (s.mode === 'present') return 'present';
  if (s.screen === 'menu') return 'menu';
  if (s.editor !== null) return 'editing';
  if (busy(s)) return 'busy';
  if (s.job) return 'preparing';
  if (s.error) return 'error';
  return s.result?.passed === true && s.result.ref === refOf(s.cursor) ? 'passed' : 'step';
}

/** Where a scroll key moves the first line shown; End means "the end", also as more arrives. */
export function scrolled(current: number | null, intent: Intent, v: ViewMetrics = { top: 0, max: 0, page: 5 }): number {
  const top = Math.min(current ?? v.top, v.max);
  const page = Math.max(1, v.page - 1);
  const to = (n: number) => Math.max(0, Math.min(v.max, n));
  switch (intent) {
    case 'scrollUp':
      return to(top - 1);
    case 'scrollDown':
      return to(top + 1);
    case 'pageUp':
      return to(top - page);
    case 'pageDown':
      return to(top + page);
    case 'top':
      return 0;
    default:
      return Number.MAX_SAFE_INTEGER;
  }
}

function scrollTo(s: UiState, intent: Intent, v?: ViewMetrics): UiState {
  return { ...s, scroll: scrolled(s.scroll, intent, v) };
}

const SCROLL_INTENTS: readonly Intent[] = ['scrollUp', 'scrollDown', 'pageUp', 'pageDown', 'top', 'bottom'];

function editKey(s: UiState, intent: Intent | null, k: KeyPress): UiState {
  const ed = s.editor!;
  switch (intent) {
    case 'submit': {
      const text = editorText(ed).trim();
      if (!text) return note(s, 'noticeEmpty');
      const history = s.history[s.history.length - 1] === text ? s.history : [...s.history, text];
      return requestRun({ ...s, editor: null, history }, text);
    }
    case 'leaveTyping':
      return { ...s, editor: null, notice: null };
    case 'clearLine':
      // Ctrl+C clears the line; on an empty line it leaves typing.
      if (!ed.chars.length) return { ...s, editor: null, notice: null };
      return { ...s, editor: editLine(ed, 'clearLine', s.history), notice: { key: 'noticeLineCleared' } };
    case 'help':
    case 'quit':
    case null:
      break;
    default:
      return { ...s, editor: editLine(ed, intent, s.history), notice: null };
  }
  if (k.ctrl || k.meta || k.tab) return s;
  const next = insertText(ed, k.input);
  return next === ed ? s : { ...s, editor: next, notice: null };
}

function menuKey(s: UiState, intent: Intent | null, k: KeyPress): UiState {
  const n = s.course.lessons.length;
  if (intent === 'menuUp') return { ...s, menuIndex: (s.menuIndex - 1 + n) % n, notice: null };
  if (intent === 'menuDown') return { ...s, menuIndex: (s.menuIndex + 1) % n, notice: null };
  const digit = /^[1-9]$/.test(k.input) ? Number(k.input) - 1 : -1;
  if (intent === 'open' || (digit >= 0 && digit < n)) {
    const lesson = digit >= 0 ? digit : s.menuIndex;
    const c = entryFor(s, lesson);
    // Back to the step already on screen: nothing to prepare.
    if (s.opened && c.lesson === s.cursor.lesson && c.step === s.cursor.step) return { ...s, screen: 'lesson', menuIndex: lesson, notice: null };
    if (busy(s)) return note(s, 'noticeBusy');
    return goTo({ ...s, menuIndex: lesson }, c);
  }
  if (intent === 'back' && s.opened) return { ...s, screen: 'lesson', notice: null };
  return s;
}

function lessonKey(s: UiState, intent: Intent | null, view?: ViewMetrics): UiState {
  if (intent && SCROLL_INTENTS.includes(intent)) return scrollTo(s, intent, view);
  switch (intent) {
    case 'run':
      return requestRun(s);
    case 'advance':
      return nextAfterPass(s);
    case 'retry':
      return withJob({ ...s, error: null, notice: null }, { kind: 'prepare', ref: refOf(s.cursor) });
    case 'next':
      return move(s, 1);
    case 'prev':
      return move(s, -1);
    case 'hint': {
      const total = stepAt(s.course, s.cursor)?.hints.length ?? 0;
      if (s.hints >= total) return note(s, 'noticeNoHints');
      return { ...s, hints: s.hints + 1, notice: null, scroll: null };
    }
    case 'type':
      return { ...s, editor: emptyEditor(), notice: null };
    case 'shell':
      if (s.job) return note(s, 'noticeBusy');
      return { ...s, exit: { reason: 'shell', code: 0 }, notice: null };
    case 'topology':
      return { ...s, showTopology: !s.showTopology };
    case 'explanations':
      return { ...s, allExplanations: !s.allExplanations, notice: null };
    case 'reset':
      return withJob(
        { ...s, run: null, result: null, resultSource: null, error: null, notice: null, pendingRun: null, scroll: null, explained: null, allExplanations: false },
        { kind: 'reset', ref: refOf(s.cursor) },
      );
    case 'lessons':
      return { ...s, screen: 'menu', menuIndex: s.cursor.lesson, notice: null };
    default:
      return s;
  }
}

/** Keys that mean something only when the lab is idle get a word instead of nothing while it is busy. */
const IDLE_ONLY: readonly Intent[] = ['run', 'next', 'prev', 'type', 'shell', 'reset', 'hint', 'lessons'];

function presentKey(s: UiState, intent: Intent | null, view?: ViewMetrics): UiState {
  if (intent && SCROLL_INTENTS.includes(intent)) return scrollTo(s, intent, view);
  if (intent === 'presentNext') {
    if (s.job) return s;
    if (s.screen === 'menu' || !s.opened) return goTo(s, s.cursor);
    return advance(s);
  }
  if (intent === 'presentPrev') {
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

function onKey(s: UiState, k: KeyPress, view?: ViewMetrics): UiState {
  if (s.help) {
    const intent = intentFor('help', k);
    if (intent && SCROLL_INTENTS.includes(intent)) return { ...s, helpScroll: scrolled(s.helpScroll, intent, view) };
    return { ...s, help: false, helpScroll: null };
  }
  const context = keyContext(s);
  const intent = intentFor(context, k);
  if (intent === 'cancel') return s.cancelling ? quit(s, 130) : { ...s, cancelling: true, pendingRun: null, notice: { key: 'noticeCancelled' } };
  if (intent === 'interrupt') return quit(s, 130);
  if (context === 'editing') return editKey(s, intent, k);
  if (intent === 'quit') return quit(s, 0);
  if (intent === 'help') return { ...s, help: true };
  if (context === 'present') return presentKey(s, intent, view);
  if (context === 'menu') return menuKey(s, intent, k);
  if (context === 'busy') {
    const idle = intentFor('step', k);
    if (idle && IDLE_ONLY.includes(idle)) return note(s, 'noticeBusy');
  }
  return lessonKey(s, intent, view);
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
      const whole = c.output + sanitizeOutput(e.chunk);
      const output = capText(whole, OUTPUT_CAP);
      commands[e.index] = { ...c, output, cut: (c.cut ?? 0) + whole.length - output.length };
      return { ...s, run: { ...s.run, commands } };
    }
    case 'command-end': {
      if (!s.run || s.job?.kind !== 'run' || e.ref !== s.run.ref) return s;
      const commands = [...s.run.commands];
      const c = commands[e.index] ?? { command: e.result.command, output: '' };
      // The result carries the whole output; prefer it to what streamed in.
      const whole = e.result.output ? sanitizeOutput(e.result.output) : '';
      const output = whole ? capText(whole, OUTPUT_CAP) : c.output;
      const cut = whole ? whole.length - output.length : (c.cut ?? 0);
      commands[e.index] = { ...c, output, cut, result: e.result };
      const lines = output.replace(/\n$/, '').split('\n');
      const kept = lines.length > TRANSCRIPT_LINES ? lines.slice(-TRANSCRIPT_LINES).join('\n') : output.replace(/\n$/, '');
      const cutLines = Math.max(0, lines.length - TRANSCRIPT_LINES) + (cut ? countLines(whole.slice(0, cut)) : 0);
      return transcript({ ...s, run: { ...s.run, commands } }, { kind: 'command', command: c.command || e.result.command, output: kept, result: e.result, cutLines: cutLines || undefined });
    }
    case 'step-end':
      return s;
    case 'explanations':
      return { ...s, explained: { ref: e.ref, explanations: e.explanations, proving: e.proving } };
    case 'lab-position':
      return { ...s, lab: { ref: e.ref, position: e.position } };
  }
}

export function reducer(s: UiState, a: Action): UiState {
  switch (a.type) {
    case 'key':
      return splitKeys(a.key).reduce((st, k) => onKey(st, k, a.view), s);
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
