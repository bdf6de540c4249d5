/** Headless runs: the whole course (`check`), one step with a learner's command (`try`), and the wrong answers (`check --mutants`). */
import type { Lang } from '../i18n/index.js';
import { applyLessonSettings } from '../lab/ipv4-defaults.js';
import { Lab, type LabMode } from '../lab/sandbox.js';
import { allSteps, findStep, type Located } from '../lesson/refs.js';
import type { Course, WrongAnswer } from '../lesson/types.js';
import { commandsFor, runCommands, runStep } from './run-step.js';
import type { Explanation, EngineListener, StepResult } from './types.js';
import { labProofRun } from './lab-proof.js';
import { packRegex } from '../text/pack-regex.js';

export interface RunOptions {
  lang: Lang;
  missing?: ReadonlySet<string>;
  emit?: EngineListener;
  signal?: AbortSignal;
  mode?: LabMode;
}

export interface CourseResult {
  passed: boolean;
  /** Steps this run had to check (all of them, or those from `from` on). */
  expected: number;
  mode: LabMode;
  labReadyMs: number;
  steps: StepResult[];
  durationMs: number;
}

async function openLab(opts: RunOptions): Promise<Lab> {
  const lab = await Lab.start(opts.mode);
  opts.emit?.({ type: 'lab-ready', mode: lab.mode, ms: performance.now() - lab.startedMs });
  return lab;
}

/** Runs and checks every step, or those from `from` on after replaying the earlier ones. */
export async function checkCourse(course: Course, opts: RunOptions & { from?: Located }): Promise<CourseResult> {
  const t0 = performance.now();
  const lab = opts.from ? await labAt(course, opts.from, opts) : await openLab(opts);
  const labReadyMs = performance.now() - lab.startedMs;
  const steps: StepResult[] = [];
  const todo = allSteps(course).slice(opts.from?.flat ?? 0);
  try {
    for (const s of todo) {
      if (opts.signal?.aborted) break;
      if (s.stepIndex === 0) await applyLessonSettings(lab, course.lessons[s.lessonIndex].sysctl);
      steps.push(await runStep(lab, s.step, { ref: s.ref, lang: opts.lang, emit: opts.emit, signal: opts.signal, missing: opts.missing }));
    }
  } finally {
    await lab.close();
  }
  return { passed: steps.length === todo.length && steps.every((s) => s.passed), expected: todo.length, mode: lab.mode, labReadyMs, steps, durationMs: performance.now() - t0 };
}

/** A fresh lab with every step before `target` replayed. */
export async function labAt(course: Course, target: Located, opts: RunOptions): Promise<Lab> {
  const lab = await openLab(opts);
  const steps = allSteps(course).slice(0, target.flat);
  for (const s of steps) {
    opts.emit?.({ type: 'replay-progress', done: s.flat, total: steps.length, ref: s.ref });
    if (s.stepIndex === 0) await applyLessonSettings(lab, course.lessons[s.lessonIndex].sysctl);
    await runCommands(lab, commandsFor(s.step, opts.missing).commands, s.step, { ref: s.ref, signal: opts.signal });
  }
  return lab;
}

/**
 * A fresh lab replayed to step `ref`, then `command` in place of the step's
 * own. Fixes of a failure are proven, each on its own copy of that lab.
 */
export async function tryStep(course: Course, ref: string, command: string, opts: RunOptions & { prove?: boolean }): Promise<StepResult> {
  const target = findStep(course, ref);
  if (!target) throw new Error(`no step ${ref}`);
  const history = [...allSteps(course).slice(0, target.flat).map((s) => ({ ref: s.ref })), { ref: target.ref, command }];
  const prove = opts.prove === false ? undefined : labProofRun({ course, lang: opts.lang, startLab: () => Lab.start(opts.mode), history, ref: target.ref, missing: opts.missing });
  const lab = await labAt(course, target, opts);
  try {
    if (target.stepIndex === 0) await applyLessonSettings(lab, course.lessons[target.lessonIndex].sysctl);
    return await runStep(lab, target.step, { ref: target.ref, lang: opts.lang, command, emit: opts.emit, signal: opts.signal, missing: opts.missing, prove });
  } finally {
    await lab.close();
  }
}

export interface MutantResult {
  ref: string;
  command: string;
  explains: string;
  /** The wrong command failed the step, and an explanation matched. */
  passed: boolean;
  stepFailed: boolean;
  explained: boolean;
  explanations: Explanation[];
  file: string;
  line: number;
}

export interface MutantReport {
  passed: boolean;
  mutants: MutantResult[];
  durationMs: number;
}

/**
 * Each wrong answer runs in its own fresh lab; labs are independent, so several run at once.
 * A wrong answer checks which explanation the mistake gets, so fixes are not proven here
 * (that would replay a lab per fix): `try` proves them.
 */
export async function checkMutants(course: Course, opts: RunOptions & { concurrency?: number; only?: ReadonlySet<string>; onResult?: (r: MutantResult) => void }): Promise<MutantReport> {
  const t0 = performance.now();
  const jobs: { s: Located; w: WrongAnswer; file: string }[] = [];
  allSteps(course)
    .filter((s) => !opts.only || opts.only.has(s.ref))
    .forEach((s) => s.step.wrong.forEach((w) => jobs.push({ s, w, file: course.lessons[s.lessonIndex].file })));
  const results: MutantResult[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length && !opts.signal?.aborted) {
      const i = next++;
      const { s, w, file } = jobs[i];
      const r = await tryStep(course, s.ref, w.command, { ...opts, emit: undefined, prove: false });
      const re = packRegex(w.explains, 'i');
      const explained = r.explanations.some((e) => re.test([e.text, e.fix ?? e.untested ?? ''].join('\n')));
      results[i] = { ref: s.ref, command: w.command, explains: w.explains, passed: !r.passed && explained, stepFailed: !r.passed, explained, explanations: r.explanations, file, line: w.line };
      opts.onResult?.(results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  const done = results.filter(Boolean);
  return { passed: done.length === jobs.length && done.every((r) => r.passed), mutants: done, durationMs: performance.now() - t0 };
}
