/** The JSON shapes of list, check and try. They are a documented contract (docs/json.md). */
import type { CourseResult } from '../engine/course-run.js';
import type { StepResult } from '../engine/types.js';
import { allSteps } from '../lesson/refs.js';
import type { Course } from '../lesson/types.js';

export function listJson(c: Course) {
  const steps = allSteps(c);
  return {
    lessons: c.lessons.map((l, li) => ({
      number: li + 1,
      id: l.id,
      title: l.title,
      file: l.file,
      steps: steps
        .filter((s) => s.lessonIndex === li)
        .map((s) => ({ ref: s.ref, id: s.step.id, title: s.step.title, commands: s.step.commands, hints: s.step.hints.length, wrong: s.step.wrong.length })),
    })),
    steps: steps.map((s) => ({ ref: s.ref, lesson: c.lessons[s.lessonIndex].id, id: s.step.id, title: s.step.title, commands: s.step.commands })),
  };
}

export function stepJson(r: StepResult) {
  return {
    ref: r.ref,
    id: r.step.id,
    title: r.step.title,
    passed: r.passed,
    durationMs: Math.round(r.durationMs),
    substituted: r.substituted ?? null,
    commands: r.commands.map((c) => ({ command: c.command, exitCode: c.code, signal: c.signal, timedOut: c.timedOut, output: c.output })),
    checks: r.checks.map((c) => ({ kind: c.expectation.kind, label: c.label, passed: c.passed, expectedFailure: c.expectedFailure, actual: c.actual ?? null, captured: c.captured ?? null })),
    explanations: r.explanations,
  };
}

export function courseJson(r: CourseResult) {
  return { passed: r.passed, mode: r.mode, durationMs: Math.round(r.durationMs), labReadyMs: Math.round(r.labReadyMs), steps: r.steps.map(stepJson) };
}
