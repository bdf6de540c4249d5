/** The class wire format: what a learner's tutor sends, its limits, and the checks every request passes. */
import * as z from 'zod/mini';
import { stripControls, stripControlsLine } from '../text/sanitize.js';

/** Bounds of one request; anything larger is refused before it is parsed. */
export const LIMITS = {
  bodyBytes: 256 * 1024,
  eventsPerBatch: 200,
  nameChars: 32,
  commandChars: 400,
  textChars: 1200,
  labelChars: 200,
  courseSteps: 400,
} as const;

const REF = /^\d{1,3}\.\d{1,3}$/;
const ref = z.string().check(z.regex(REF));
const text = (max: number) => z.string().check(z.maxLength(max));

/** What happened to a learner, in the order it happened. `seq` counts from 1 per learner; `at` is their clock (ms). */
const EVENT = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    course: z.object({
      title: text(LIMITS.labelChars),
      steps: z.array(z.object({ ref, title: text(LIMITS.labelChars) })).check(z.maxLength(LIMITS.courseSteps)),
    }),
    mode: z.enum(['learn', 'check']),
  }),
  z.object({ type: z.literal('open'), ref }),
  z.object({
    type: z.literal('attempt'),
    ref,
    /** The command lines that ran; `typed` when the learner wrote them instead of running the lesson's own. */
    commands: z.array(text(LIMITS.commandChars)).check(z.maxLength(20)),
    typed: z.boolean(),
    passed: z.boolean(),
    /** Label of the first check that failed. */
    failing: z.optional(text(LIMITS.labelChars)),
    /** The first explanation the learner got. */
    explanation: z.optional(text(LIMITS.textChars)),
  }),
  z.object({ type: z.literal('hint'), ref, shown: z.number().check(z.int(), z.nonnegative(), z.lte(100)) }),
  z.object({ type: z.literal('why'), ref }),
  z.object({ type: z.literal('leave') }),
]);

const STAMPED = z.intersection(EVENT, z.object({ seq: z.number().check(z.int(), z.positive()), at: z.number().check(z.nonnegative()) }));

export const BATCH = z.object({
  learner: z.object({ id: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)), name: z.string().check(z.maxLength(200)) }),
  events: z.array(STAMPED).check(z.minLength(1), z.maxLength(LIMITS.eventsPerBatch)),
});

export type ClassEvent = z.infer<typeof EVENT>;
export type StampedEvent = z.infer<typeof STAMPED>;
export type Batch = z.infer<typeof BATCH>;

/**
 * A name as the instructor sees it: one line, no control sequences (sanitize.ts), and no invisible
 * format characters (bidi overrides, zero-width joiners) that would make one learner look like another.
 */
export function displayName(raw: string): string {
  return [...oneLine(raw)].slice(0, LIMITS.nameChars).join('') || '?';
}

function oneLine(s: string): string {
  return stripControlsLine(s).replace(/\p{Cf}/gu, '').replace(/\s+/g, ' ').trim();
}

/** Every string a learner sent, made safe to draw on the instructor's terminal. */
export function cleanEvent(e: StampedEvent): StampedEvent {
  switch (e.type) {
    case 'join':
      return { ...e, course: { title: oneLine(e.course.title), steps: e.course.steps.map((s) => ({ ref: s.ref, title: oneLine(s.title) })) } };
    case 'attempt':
      return {
        ...e,
        commands: e.commands.map(oneLine),
        failing: e.failing === undefined ? undefined : oneLine(e.failing),
        explanation: e.explanation === undefined ? undefined : stripControls(e.explanation).replace(/\p{Cf}/gu, '').trim(),
      };
    default:
      return e;
  }
}

/** Cuts a string to `max` characters, for clients that must stay inside the limits. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
