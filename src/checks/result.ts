/** One judged expectation, as both front ends and the diagnosis see it. */
import type { Expectation } from './expectation.js';

export interface CheckResult {
  expectation: Expectation;
  passed: boolean;
  /** A pass whose expected outcome was a failure (a ping that must not answer, a non-zero exit). */
  expectedFailure: boolean;
  /** What was checked, in the learner's language, e.g. "veth0-1 is up in ns0". */
  label: string;
  /** What was found instead, when it failed. */
  actual?: string;
  /** Packets a capture saw, one per line, for display. */
  captured?: string[];
}
