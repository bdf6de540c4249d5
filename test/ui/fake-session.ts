/**
 * A stand-in for the engine's Session: same API, same events in the same
 * order (replay-progress while preparing; step-start, command-start, output,
 * command-end, step-end while running; explanations after proofs;
 * lab-position when it changes), with outcomes scripted per step and lab
 * states taken from the recorded fixtures. Like the Session, a typed command
 * runs on the lab as the learner left it and Enter on the step's starting lab.
 */
import { readFileSync } from 'node:fs';
import type { SessionApi } from '../../src/engine/session-api.js';
import type { CheckResult, EngineEvent, EngineListener, Explanation, LabPosition, StepResult } from '../../src/engine/types.js';
import type { Lang } from '../../src/i18n/index.js';
import type { CommandResult } from '../../src/lab/sandbox.js';
import type { LabState } from '../../src/lab/state.js';
import type { Course, Step } from '../../src/lesson/types.js';

export type FixtureName = 'empty' | 'veth-created' | 'veth-pair' | 'across-ns0' | 'bridge-broken' | 'bridge-fixed';

export function fixture(name: FixtureName): LabState {
  return JSON.parse(readFileSync(new URL(`../fixtures/state-${name}.json`, import.meta.url), 'utf8')) as LabState;
}

export interface Outcome {
  /** Output of each command, written in a few chunks. */
  output?: string[];
  /** Exit code of each command (default 0). */
  codes?: number[];
  checks?: Array<Partial<CheckResult> & { label: string; passed: boolean }>;
  /** Explanations right away (a plain string is a lesson explanation without a fix). */
  explanations?: Array<string | Explanation>;
  /** The explanations once the background proofs finish (an 'explanations' event after a tick); the result says proving until then. */
  proven?: Explanation[];
  /** The lab's state after the step. */
  state?: FixtureName;
  /** Keep the command running until the signal aborts it. */
  hang?: boolean;
}

export interface FakeOptions {
  course: Course;
  lang?: Lang;
  outcomes?: Record<string, Outcome | ((command?: string) => Outcome)>;
  /** Lab state before any step. */
  initial?: FixtureName;
  /** Milliseconds per replayed step and per output chunk. */
  tick?: number;
  mode?: 'root' | 'rootless';
}

function explanationsOf(list: Outcome['explanations']): Explanation[] {
  return (list ?? []).map((e) => (typeof e === 'string' ? { text: e, source: 'lesson' } : e));
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class FakeSession implements SessionApi {
  readonly course: Course;
  readonly lang: Lang;
  mode: 'root' | 'rootless' | undefined;
  readonly calls: string[] = [];
  readonly events: EngineEvent[] = [];
  private listeners = new Set<EngineListener>();
  private lab: LabState;
  private position = -1;
  /** The step whose attempts the lab holds; -1 when none. */
  private asLeft = -1;
  private opts: FakeOptions;
  shellTty?: string;

  constructor(opts: FakeOptions) {
    this.opts = opts;
    this.course = opts.course;
    this.lang = opts.lang ?? 'en';
    this.lab = fixture(opts.initial ?? 'empty');
  }

  private refs(): string[] {
    return this.course.lessons.flatMap((l, li) => l.steps.map((_, si) => `${li + 1}.${si + 1}`));
  }

  private step(ref: string): Step {
    const [l, s] = ref.split('.').map(Number);
    const st = this.course.lessons[l - 1]?.steps[s - 1];
    if (!st) throw new Error(`no step ${ref}`);
    return st;
  }

  private emit(e: EngineEvent): void {
    this.events.push(e);
    for (const l of this.listeners) l(e);
  }

  private outcome(ref: string, command?: string): Outcome {
    const o = this.opts.outcomes?.[ref];
    return typeof o === 'function' ? o(command) : (o ?? {});
  }

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  labPosition(ref: string): LabPosition {
    const i = this.refs().indexOf(ref);
    if (i < 0) throw new Error(`no step ${ref}`);
    return this.asLeft === i ? 'as-left' : this.position === i ? 'step-start' : 'rebuild';
  }

  private announce(index: number): void {
    const ref = this.refs()[index];
    if (ref) this.emit({ type: 'lab-position', ref, position: this.labPosition(ref) });
  }

  async resetStep(ref: string): Promise<void> {
    this.calls.push(`resetStep ${ref}`);
    this.asLeft = -1;
    this.position = -1;
    await this.prepare(ref);
  }

  async prepare(ref: string, signal?: AbortSignal): Promise<void> {
    this.calls.push(`prepare ${ref}`);
    const target = this.refs().indexOf(ref);
    if (target < 0) throw new Error(`no step ${ref}`);
    if (this.asLeft === target) return;
    if (this.position < 0 || this.position > target) {
      this.asLeft = -1;
      this.position = 0;
      this.lab = fixture(this.opts.initial ?? 'empty');
      if (!this.mode) this.mode = this.opts.mode ?? 'rootless';
      this.emit({ type: 'lab-ready', mode: this.mode, ms: 5 });
    }
    while (this.position < target) {
      if (signal?.aborted) return;
      this.emit({ type: 'replay-progress', done: this.position, total: target, ref: this.refs()[this.position] });
      await sleep(this.opts.tick ?? 1, signal);
      const o = this.outcome(this.refs()[this.position]);
      if (o.state) this.lab = fixture(o.state);
      this.position++;
    }
    this.emit({ type: 'replay-progress', done: target, total: target, ref });
    this.announce(target);
  }

  async runStep(ref: string, opts: { command?: string; signal?: AbortSignal } = {}): Promise<StepResult> {
    this.calls.push(opts.command !== undefined ? `run ${ref} ${opts.command}` : `run ${ref}`);
    const index = this.refs().indexOf(ref);
    const typedOnAttempts = opts.command !== undefined && this.asLeft === index;
    if (!typedOnAttempts && this.position !== index) {
      if (this.asLeft === index) this.asLeft = -1;
      await this.prepare(ref, opts.signal);
    }
    const step = this.step(ref);
    const o = this.outcome(ref, opts.command);
    const commands = opts.command !== undefined ? [opts.command] : step.commands;
    const t0 = Date.now();
    this.emit({ type: 'step-start', ref, step, commands });
    const results: CommandResult[] = [];
    for (const [i, command] of commands.entries()) {
      if (opts.signal?.aborted) break;
      this.emit({ type: 'command-start', ref, index: i, command });
      const text = o.output?.[i] ?? '';
      let output = '';
      for (const chunk of text.match(/[\s\S]{1,12}/g) ?? []) {
        await sleep(this.opts.tick ?? 1, opts.signal);
        if (opts.signal?.aborted) break;
        output += chunk;
        this.emit({ type: 'output', ref, index: i, chunk, fd: 1 });
      }
      if (o.hang) await new Promise<void>((r) => (opts.signal?.aborted ? r() : opts.signal?.addEventListener('abort', () => r(), { once: true })));
      const cancelled = !!opts.signal?.aborted;
      const result: CommandResult = {
        command,
        code: cancelled ? null : (o.codes?.[i] ?? 0),
        signal: cancelled ? 'SIGKILL' : null,
        timedOut: false,
        cancelled,
        stdout: output,
        stderr: '',
        output,
        durationMs: 3,
      };
      results.push(result);
      this.emit({ type: 'command-end', ref, index: i, result });
    }
    const cancelled = results.some((r) => r.cancelled) || !!opts.signal?.aborted;
    if (o.state && !cancelled) this.lab = fixture(o.state);
    const checks: CheckResult[] = (o.checks ?? step.expect.map((e) => ({ label: `${e.kind} holds`, passed: true }))).map((c, i) => ({
      expectation: step.expect[i] ?? step.expect[0],
      expectedFailure: false,
      ...c,
      passed: cancelled ? false : c.passed,
    }));
    const passed = !cancelled && checks.every((c) => c.passed);
    const result: StepResult = {
      ref,
      step,
      commands: results,
      checks,
      passed,
      explanations: passed ? [] : explanationsOf(o.explanations),
      proving: !passed && !!o.proven,
      state: this.lab,
      durationMs: Date.now() - t0,
    };
    this.position = passed ? index + 1 : -1;
    this.asLeft = passed ? -1 : index;
    this.emit({ type: 'step-end', result });
    this.announce(passed ? index + 1 : index);
    if (result.proving) setTimeout(() => this.emit({ type: 'explanations', ref, explanations: o.proven!, proving: false }), this.opts.tick ?? 1);
    return result;
  }

  async recheck(ref: string): Promise<StepResult> {
    this.calls.push(`recheck ${ref}`);
    const step = this.step(ref);
    const o = this.outcome(ref);
    const checks: CheckResult[] = (o.checks ?? step.expect.map((e) => ({ label: `${e.kind} holds`, passed: true }))).map((c, i) => ({
      expectation: step.expect[i] ?? step.expect[0],
      expectedFailure: false,
      ...c,
    }));
    const passed = checks.every((c) => c.passed);
    const result: StepResult = { ref, step, commands: [], checks, passed, explanations: passed ? [] : explanationsOf(o.explanations), proving: false, state: this.lab, durationMs: 1 };
    this.emit({ type: 'step-start', ref, step, commands: [] });
    this.emit({ type: 'step-end', result });
    return result;
  }

  async state(): Promise<LabState> {
    this.calls.push('state');
    return this.lab;
  }

  async shell(ttyPath: string): Promise<void> {
    this.calls.push(`shell ${ttyPath}`);
    this.shellTty = ttyPath;
    this.position = -1;
  }

  async reset(): Promise<void> {
    this.calls.push('reset');
    this.position = -1;
    this.asLeft = -1;
  }

  async close(): Promise<void> {
    this.calls.push('close');
  }
}
