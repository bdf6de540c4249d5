/**
 * The engine behind the terminal UI: one live lab that follows the learner
 * through the course. Typed attempts build on the lab as the learner left it;
 * the lab's history is recorded so fixes can be proven on copies of it.
 */
import type { Lang } from '../i18n/index.js';
import { applyLessonSettings } from '../lab/ipv4-defaults.js';
import { Lab } from '../lab/sandbox.js';
import { readLabState, type LabState } from '../lab/state.js';
import { allSteps, findStep, type Located } from '../lesson/refs.js';
import type { Course } from '../lesson/types.js';
import { judgesCommands } from '../checks/registry.js';
import type { HistoryEntry } from './history.js';
import { labProofRun } from './lab-proof.js';
import { commandsFor, runCommands, runStep } from './run-step.js';
import type { SessionApi } from './session-api.js';
import type { EngineEvent, EngineListener, LabPosition, StepResult } from './types.js';
import { runShell } from './shell.js';

export interface SessionOptions {
  course: Course;
  lang: Lang;
  missing?: ReadonlySet<string>;
  startLab?: () => Promise<Lab>;
  /** Hands the terminal to a shell in the lab (tests replace it). */
  runShell?: (lab: Lab, ttyPath: string) => Promise<void>;
}

export class Session implements SessionApi {
  readonly course: Course;
  readonly lang: Lang;
  private lab?: Lab;
  /** Index (in course order) of the step whose starting lab the live lab is; -1 when none. */
  private position = -1;
  /** Index of the step whose attempts the live lab holds (the lab as the learner left it); -1 when none. */
  private asLeft = -1;
  /** What ran in the live lab since it started; undefined once it cannot be replayed (a shell, a cancelled command). */
  private history: HistoryEntry[] | undefined = [];
  /** Stops the background proofs of the last failed run. */
  private proofs?: AbortController;
  private lastPosition?: string;
  private listeners = new Set<EngineListener>();
  private readonly steps: Located[];
  private readonly missing: ReadonlySet<string>;
  private readonly startLab: () => Promise<Lab>;
  private readonly runShell: (lab: Lab, ttyPath: string) => Promise<void>;

  constructor(opts: SessionOptions) {
    this.course = opts.course;
    this.lang = opts.lang;
    this.steps = allSteps(opts.course);
    this.missing = opts.missing ?? new Set();
    this.startLab = opts.startLab ?? (() => Lab.start());
    this.runShell = opts.runShell ?? runShell;
  }

  get mode() {
    return this.lab?.mode;
  }

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit = (e: EngineEvent) => {
    for (const l of this.listeners) l(e);
  };

  private locate(ref: string): Located {
    const s = findStep(this.course, ref);
    if (!s) throw new Error(`no step ${ref}`);
    return s;
  }

  private get live(): boolean {
    return !!this.lab && !this.lab.isClosed;
  }

  labPosition(ref: string): LabPosition {
    const flat = this.locate(ref).flat;
    if (!this.live) return 'rebuild';
    if (this.asLeft === flat) return 'as-left';
    return this.position === flat ? 'step-start' : 'rebuild';
  }

  /** Tells the front ends where the lab now is, when that changed. */
  private announce(): void {
    const flat = this.asLeft >= 0 ? this.asLeft : this.position;
    const s = this.steps[Math.min(Math.max(flat, 0), this.steps.length - 1)];
    if (!s) return;
    const position = this.labPosition(s.ref);
    const key = `${s.ref} ${position}`;
    if (key === this.lastPosition) return;
    this.lastPosition = key;
    this.emit({ type: 'lab-position', ref: s.ref, position });
  }

  private stopProofs(): void {
    this.proofs?.abort();
    this.proofs = undefined;
  }

  private async freshLab(): Promise<Lab> {
    this.stopProofs();
    await this.lab?.close();
    this.lab = undefined;
    const lab = await this.startLab();
    this.lab = lab;
    this.position = 0;
    this.asLeft = -1;
    this.history = [];
    this.emit({ type: 'lab-ready', mode: lab.mode, ms: performance.now() - lab.startedMs });
    return lab;
  }

  /**
   * Readies the lab for step `ref`: its starting lab, replaying earlier steps
   * into a fresh lab when needed. The learner's attempts at `ref` are kept.
   */
  async prepare(ref: string, signal?: AbortSignal): Promise<void> {
    const target = this.locate(ref).flat;
    if (this.live && this.asLeft === target) return;
    await this.replayTo(target, signal);
  }

  private async replayTo(target: number, signal?: AbortSignal): Promise<void> {
    let lab = this.lab;
    // A lab that holds attempts has no position (-1): it is rebuilt too.
    if (!lab || lab.isClosed || this.position < 0 || this.position > target) lab = await this.freshLab();
    const total = target;
    while (this.position < target) {
      if (signal?.aborted) return;
      const s = this.steps[this.position];
      this.emit({ type: 'replay-progress', done: this.position, total, ref: s.ref });
      if (s.stepIndex === 0) await applyLessonSettings(lab, this.course.lessons[s.lessonIndex].sysctl);
      await runCommands(lab, commandsFor(s.step, this.missing).commands, s.step, { ref: s.ref, signal });
      // A replay cut short leaves the lab somewhere between two steps.
      if (signal?.aborted) {
        this.position = -1;
        this.history = undefined;
        this.announce();
        return;
      }
      this.history?.push({ ref: s.ref });
      this.position++;
    }
    this.emit({ type: 'replay-progress', done: total, total, ref: this.steps[target].ref });
    this.announce();
  }

  async runStep(ref: string, opts: { command?: string; signal?: AbortSignal } = {}): Promise<StepResult> {
    const s = this.locate(ref);
    const typed = opts.command !== undefined;
    // A typed command builds on the learner's attempts; the step's own commands start from its starting lab.
    const ready = this.live && (this.position === s.flat || (typed && this.asLeft === s.flat));
    if (!ready) await this.replayTo(s.flat, opts.signal);
    this.stopProofs();
    if (!this.live || (this.position !== s.flat && this.asLeft !== s.flat)) throw new Error(`the lab could not be prepared for ${ref}`);
    if (s.stepIndex === 0 && this.position === s.flat) await applyLessonSettings(this.lab!, this.course.lessons[s.lessonIndex].sysctl);
    const history = this.history;
    const entry: HistoryEntry = typed ? { ref, command: opts.command } : { ref };
    const proofs = new AbortController();
    const prove = history
      ? labProofRun({ course: this.course, lang: this.lang, startLab: this.startLab, history: [...history, entry], ref, missing: this.missing })
      : undefined;
    this.proofs = proofs;
    const result = await runStep(this.lab!, s.step, {
      ref,
      lang: this.lang,
      command: opts.command,
      signal: opts.signal,
      emit: this.emit,
      missing: this.missing,
      fullState: true,
      prove,
      proveLater: proofs.signal,
    });
    const cancelled = result.commands.some((c) => c.cancelled) || !!opts.signal?.aborted;
    // A cancelled command did only part of its work: replaying it would not rebuild the same lab.
    this.history = history && !cancelled ? [...history, entry] : undefined;
    this.judged(s, result);
    return result;
  }

  /** A pass leaves the next step's starting lab; a failure leaves the learner's attempts at this one. */
  private judged(s: Located, result: StepResult): void {
    this.position = result.passed ? s.flat + 1 : -1;
    this.asLeft = result.passed ? -1 : s.flat;
    this.announce();
  }

  async resetStep(ref: string): Promise<void> {
    const s = this.locate(ref);
    this.stopProofs();
    // replayTo starts a fresh lab for attempts or a lab past the step, and replays forward from one before it.
    await this.replayTo(s.flat);
  }

  /**
   * After a shell, only what can be read from the lab is judged: the exit
   * status, output and captures of commands typed in the shell are not known.
   */
  async recheck(ref: string): Promise<StepResult> {
    const s = this.locate(ref);
    if (!this.live) await this.prepare(ref);
    const live = s.step.expect.filter((e) => !judgesCommands(e));
    if (live.length === 0) return this.runStep(ref);
    const step = { ...s.step, commands: [], without: {}, expect: live };
    const result = await runStep(this.lab!, step, { ref, lang: this.lang, emit: this.emit, fullState: true });
    this.judged(s, result);
    return result;
  }

  async state(): Promise<LabState> {
    if (!this.live) return { namespaces: [], links: [], neigh: [], fdb: [], routes: [] };
    return readLabState(this.lab!);
  }

  async shell(ttyPath: string): Promise<void> {
    if (!this.live) await this.freshLab();
    this.stopProofs();
    await this.runShell(this.lab!, ttyPath);
    // What the shell did is not recorded: the lab is the learner's now, and copies of it cannot be rebuilt.
    this.history = undefined;
    if (this.position >= 0) this.asLeft = this.position;
    this.position = -1;
    this.announce();
  }

  async reset(): Promise<void> {
    this.stopProofs();
    await this.lab?.close();
    this.lab = undefined;
    this.position = -1;
    this.asLeft = -1;
    this.history = [];
    this.announce();
  }

  async close(): Promise<void> {
    await this.reset();
  }
}
