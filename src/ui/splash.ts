/**
 * The first frame, drawn before the Ink UI has loaded: the step's header lines,
 * exactly where the lesson view will draw them. Loading Ink, React and Yoga
 * takes longer than everything before it; this lets the learner see where
 * they are at once. The UI clears these lines as it draws its own frame.
 */
import type { Lang } from '../i18n/index.js';
import { findStep } from '../lesson/refs.js';
import type { Course } from '../lesson/types.js';
import { tu } from './messages.js';

export function drawSplash(course: Course, ref: string, lang: Lang, color: boolean, write = (s: string) => process.stdout.write(s)): number {
  const at = findStep(course, ref);
  if (!at) return 0;
  const lesson = course.lessons[at.lessonIndex];
  const columns = process.stdout.columns;
  const width = columns && columns > 20 ? columns - 1 : Number.POSITIVE_INFINITY;
  const fit = (s: string) => (s.length > width ? s.slice(0, width) : s);
  const lessonLine = fit(tu(lang, 'lessonHeader', { n: at.lessonIndex + 1, title: lesson.title }));
  const stepLine = fit(tu(lang, 'stepHeader', { n: at.stepIndex + 1, total: lesson.steps.length, title: at.step.title }));
  write(color ? `\u001b[90m${lessonLine}\u001b[39m\n\u001b[1;36m${stepLine}\u001b[22;39m\n` : `${lessonLine}\n${stepLine}\n`);
  return 2;
}

/** Moves back over the splash and clears it, so the UI's first frame takes its place. */
export function clearSplash(lines: number, write = (s: string) => process.stdout.write(s)): void {
  if (lines > 0) write(`\u001b[${lines}F\u001b[J`);
}
