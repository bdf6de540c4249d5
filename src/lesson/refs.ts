import type { Course, Step } from './types.js';

export interface Located {
  ref: string;
  lessonIndex: number;
  stepIndex: number;
  /** Position in the whole course, from 0. */
  flat: number;
  step: Step;
}

export function allSteps(course: Course): Located[] {
  const out: Located[] = [];
  course.lessons.forEach((l, li) =>
    l.steps.forEach((step, si) => out.push({ ref: `${li + 1}.${si + 1}`, lessonIndex: li, stepIndex: si, flat: out.length, step })),
  );
  return out;
}

/** "2.1" -> the step, or undefined. A bare lesson number means its first step. */
export function findStep(course: Course, ref: string): Located | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const want = `${Number(m[1])}.${m[2] ? Number(m[2]) : 1}`;
  return allSteps(course).find((s) => s.ref === want);
}
