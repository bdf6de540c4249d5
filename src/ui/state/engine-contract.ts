/**
 * The teaching loop's engine interface (issue 9, "Contract A") as the UI
 * reads it, tolerant of an engine that predates it: explanations may still
 * be plain strings, and the lab-position calls may be missing. Once the
 * engine provides it everywhere this module only re-exports.
 */
import type { EngineEvent, StepResult } from '../../engine/types.js';
import type { SessionApi } from '../../engine/session-api.js';

export interface Explanation {
  text: string;
  /** One command line, present only once it was proven on a copy of the learner's lab. */
  fix?: string;
  source: 'lesson' | 'builtin';
}

/** Which lab the next command runs in. */
export type LabPosition = 'step-start' | 'as-left' | 'rebuild';

export type UiEngineEvent =
  | EngineEvent
  | { type: 'explanations'; ref: string; explanations: Explanation[]; proving: boolean }
  | { type: 'lab-position'; ref: string; position: LabPosition };

/** The session calls of Contract A, when the engine has them. */
export interface TeachingSession {
  labPosition?(ref: string): LabPosition;
  resetStep?(ref: string): Promise<void>;
}

export function teaching(session: SessionApi): TeachingSession {
  return session as SessionApi & TeachingSession;
}

/** A result's explanations as objects, best first. */
export function explanationsOf(r: Pick<StepResult, 'explanations'>): Explanation[] {
  return (r.explanations as ReadonlyArray<string | Explanation>).map((e) => (typeof e === 'string' ? { text: e, source: 'builtin' as const } : e));
}

/** Whether fixes are still being proven for a result. */
export function provingOf(r: Pick<StepResult, 'explanations'>): boolean {
  return (r as { proving?: boolean }).proving === true;
}
