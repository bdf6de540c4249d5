import type { Expectation, Step, StepRef } from '../lesson/types.js';
import type { CommandResult } from '../lab/sandbox.js';
import type { LabState } from '../lab/state.js';

export type { CheckResult } from '../checks/result.js';
import type { CheckResult } from '../checks/result.js';

export interface StepResult {
  ref: string;
  step: Step;
  commands: CommandResult[];
  checks: CheckResult[];
  passed: boolean;
  /** Explanations for a failed step, most specific first. */
  explanations: string[];
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
  | { type: 'replay-progress'; done: number; total: number; ref: string };

export type EngineListener = (e: EngineEvent) => void;

export function formatRef(r: StepRef): string {
  return `${r.lesson}.${r.step}`;
}
