/** What a learner shares with the class, derived from the engine's events (and, in the tutor, from the screen). */
import type { EngineEvent } from '../engine/types.js';
import type { Course } from '../lesson/types.js';
import { allSteps } from '../lesson/refs.js';
import { clip, LIMITS, type ClassEvent } from './protocol.js';

export function joinEvent(course: Course, mode: 'learn' | 'check'): ClassEvent {
  const title = course.lessons.map((l) => l.title).join(' · ');
  return {
    type: 'join',
    mode,
    course: {
      title: clip(title, LIMITS.labelChars),
      steps: allSteps(course)
        .slice(0, LIMITS.courseSteps)
        .map((s) => ({ ref: s.ref, title: clip(s.step.title, LIMITS.labelChars) })),
    },
  };
}

/** The first explanation's text; explanations are strings or `{ text }` objects depending on the engine's version. */
export function firstExplanation(list: readonly unknown[]): string | undefined {
  const e = list[0];
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && typeof (e as { text?: unknown }).text === 'string') return (e as { text: string }).text;
  return undefined;
}

/** Turns engine events into class events: a step that starts is opened, a step that ends is an attempt. */
export function classEventsOf(e: EngineEvent): ClassEvent[] {
  switch (e.type) {
    case 'step-start':
      return [{ type: 'open', ref: e.ref }];
    case 'step-end': {
      const r = e.result;
      const commands = r.commands.map((c) => c.command);
      const own = [r.step.commands, ...Object.values(r.step.without)].some((list) => list.length === commands.length && list.every((c, i) => c === commands[i]));
      const failing = r.checks.find((c) => !c.passed)?.label;
      const explanation = r.passed ? undefined : firstExplanation(r.explanations);
      return [
        {
          type: 'attempt',
          ref: r.ref,
          commands: commands.slice(0, 20).map((c) => clip(c, LIMITS.commandChars)),
          typed: !own,
          passed: r.passed,
          ...(failing !== undefined && !r.passed ? { failing: clip(failing, LIMITS.labelChars) } : {}),
          ...(explanation !== undefined ? { explanation: clip(explanation, LIMITS.textChars) } : {}),
        },
      ];
    }
    default:
      return [];
  }
}

/** The few parts of the tutor's screen state the class hears about; structural, so this module never loads the UI. */
export interface ScreenView {
  mode: 'learn' | 'present';
  opened: boolean;
  cursor: { lesson: number; step: number };
  hints: number;
  /** The result on screen, when one is: a passed step with a `why` shows it. */
  result: { ref: string; passed: boolean; step: { why?: string } } | null;
}

/** Compares two screen states and says what the learner did: opened a step, revealed a hint, read a why. */
export function screenEvents(before: ScreenView | undefined, now: ScreenView): ClassEvent[] {
  if (now.mode !== 'learn' || !now.opened) return [];
  const ref = `${now.cursor.lesson + 1}.${now.cursor.step + 1}`;
  const out: ClassEvent[] = [];
  const moved = !before?.opened || before.cursor.lesson !== now.cursor.lesson || before.cursor.step !== now.cursor.step;
  if (moved) out.push({ type: 'open', ref });
  if (!moved && now.hints > (before?.hints ?? 0)) out.push({ type: 'hint', ref, shown: now.hints });
  const why = (v?: ScreenView) => !!v?.result?.passed && !!v.result.step.why && v.result.ref === ref;
  if (why(now) && !(why(before) && before?.result === now.result)) out.push({ type: 'why', ref });
  return out;
}
