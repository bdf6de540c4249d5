import type { Expectation, Step, StepRef } from '../lesson/types.js';
import type { CommandResult } from '../lab/sandbox.js';
import type { LabState } from '../lab/state.js';
import type { Explanation } from '../explain/types.js';

export type { Explanation } from '../explain/types.js';

/**
 * Which lab the next command of a step runs in:
 * 'step-start' the live lab is exactly the step's starting lab;
 * 'as-left'    the live lab holds the learner's earlier attempts at the step, and a typed command runs on it;
 * 'rebuild'    no live lab for the step; the next run builds its starting lab first.
 */
export type LabPosition = 'step-start' | 'as-left' | 'rebuild';

export type { CheckResult } from '../checks/result.js';
import type { CheckResult } from '../checks/result.js';

export interface StepResult {
  ref: string;
  step: Step;
  commands: CommandResult[];
  checks: CheckResult[];
  passed: boolean;
  /** Explanations for a failed step, ranked, best first; never two that contradict each other. */
  explanations: Explanation[];
  /** Fixes are still being proven in the background; 'explanations' events follow. */
  proving: boolean;
  /** State after the step, as the checks saw it. */
  state: LabState;
  /** A tool was missing and the step's `without` commands ran instead. */
  substituted?: string;
  durationMs: number;
}

/** Everything the engine reports while it works; both front ends consume these. */
export type EngineEvent =
  | { type: 'lab-ready'; mode: 'root' | 'rootless'; ms: number }
  | { type: 'step-start'; ref: string; step: Step; commands: string[]; substituted?: string }
  | { type: 'command-start'; ref: string; index: number; command: string }
  | { type: 'output'; ref: string; index: number; chunk: string; fd: 1 | 2 }
  | { type: 'command-end'; ref: string; index: number; result: CommandResult }
  | { type: 'step-end'; result: StepResult }
  | { type: 'replay-progress'; done: number; total: number; ref: string }
  /** Replaces step `ref`'s explanations as proofs finish; the last one has proving: false. */
  | { type: 'explanations'; ref: string; explanations: Explanation[]; proving: boolean }
  | { type: 'lab-position'; ref: string; position: LabPosition };

export type EngineListener = (e: EngineEvent) => void;

export function formatRef(r: StepRef): string {
  return `${r.lesson}.${r.step}`;
}
