/** The engine behind the terminal UI: one live lab that follows the learner through the course. */
import type { Lang } from '../i18n/index.js';
import { applyLessonSettings } from '../lab/ipv4-defaults.js';
import { Lab } from '../lab/sandbox.js';
import { readLabState, type LabState } from '../lab/state.js';
import { allSteps, findStep, type Located } from '../lesson/refs.js';
import type { Course } from '../lesson/types.js';
import { commandsFor, runCommands, runStep } from './run-step.js';
import type { SessionApi } from './session-api.js';
import type { EngineEvent, EngineListener, StepResult } from './types.js';
import { runShell } from './shell.js';

export interface SessionOptions {
  course: Course;
  lang: Lang;
  missing?: ReadonlySet<string>;
  startLab?: () => Promise<Lab>;
}

export class Session implements SessionApi {
  readonly course: Course;
  readonly lang: Lang;
  private lab?: Lab;
  /** Index (in course order) of the step the live lab is ready to run; -1 when unknown. */
  private position = -1;
  private listeners = new Set<EngineListener>();
  private readonly steps: Located[];
  private readonly missing: ReadonlySet<string>;
  private readonly startLab: () => Promise<Lab>;

  constructor(opts: SessionOptions) {
    this.course = opts.course;
    this.lang = opts.lang;
    this.steps = allSteps(opts.course);
    this.missing = opts.missing ?? new Set();
    this.startLab = opts.startLab ?? (() => Lab.start());
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

  private async freshLab(): Promise<Lab> {
    await this.lab?.close();
    this.lab = undefined;
    const lab = await this.startLab();
    this.lab = lab;
    this.position = 0;
    this.emit({ type: 'lab-ready', mode: lab.mode, ms: performance.now() - lab.startedMs });
    return lab;
  }

  async prepare(ref: string, signal?: AbortSignal): Promise<void> {
    const target = this.locate(ref).flat;
    let lab = this.lab;
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
        return;
      }
      this.position++;
    }
    this.emit({ type: 'replay-progress', done: total, total, ref });
  }

  async runStep(ref: string, opts: { command?: string; signal?: AbortSignal } = {}): Promise<StepResult> {
    const s = this.locate(ref);
    if (!this.lab || this.lab.isClosed || this.position !== s.flat) await this.prepare(ref, opts.signal);
    if (s.stepIndex === 0) await applyLessonSettings(this.lab!, this.course.lessons[s.lessonIndex].sysctl);
    const result = await runStep(this.lab!, s.step, { ref, lang: this.lang, command: opts.command, signal: opts.signal, emit: this.emit, missing: this.missing, fullState: true });
    // The live state now matches the next step only if this one passed.
    this.position = result.passed ? s.flat + 1 : -1;
    return result;
  }

  /**
   * After a shell, only what can be read from the lab is judged: the exit
   * status, output and captures of commands typed in the shell are not known.
   */
  async recheck(ref: string): Promise<StepResult> {
    const s = this.locate(ref);
    if (!this.lab || this.lab.isClosed) await this.prepare(ref);
    const live = s.step.expect.filter((e) => e.kind !== 'exit' && e.kind !== 'output' && e.kind !== 'capture');
    if (live.length === 0) return this.runStep(ref);
    const step = { ...s.step, commands: [], without: {}, expect: live };
    const result = await runStep(this.lab!, step, { ref, lang: this.lang, emit: this.emit, fullState: true });
    this.position = result.passed ? s.flat + 1 : -1;
    return result;
  }

  async state(): Promise<LabState> {
    if (!this.lab || this.lab.isClosed) return { namespaces: [], links: [], neigh: [], fdb: [], routes: [] };
    return readLabState(this.lab);
  }

  async shell(ttyPath: string): Promise<void> {
    if (!this.lab || this.lab.isClosed) await this.freshLab();
    await runShell(this.lab!, ttyPath);
    this.position = -1;
  }

  async reset(): Promise<void> {
    await this.lab?.close();
    this.lab = undefined;
    this.position = -1;
  }

  async close(): Promise<void> {
    await this.reset();
  }
}
