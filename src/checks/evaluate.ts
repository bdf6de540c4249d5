/** Judges one expectation against what was observed, through its kind's module. Pure: every input is recorded data. */
import type { Lang } from '../i18n/index.js';
import { stripControlsLine } from '../text/sanitize.js';
import type { Expectation } from './expectation.js';
import type { ExpectationBase, KindFinding, Observations } from './kind.js';
import { kindOf } from './registry.js';
import type { CheckResult } from './result.js';
import type { LabState } from '../lab/state.js';
import type { CommandResult } from '../lab/sandbox.js';

export type { CaptureOutcome, Observations, PingOutcome } from './kind.js';
export { classifyPacket } from './kinds/capture.js';

/** The words that name what an expectation checks: the lesson's own `label`, else the kind's sentence. */
export function describe(e: ExpectationBase, lang: Lang): string {
  return stripControlsLine(e.label ?? kindOf(e).label(e, lang));
}

/** Kinds registered at run time (not in the built-in union) are judged the same way. */
export function evaluate(e: Expectation | ExpectationBase, obs: Observations, lang: Lang): CheckResult {
  const v = kindOf(e).evaluate(e, obs, lang);
  return {
    expectation: e as Expectation,
    passed: v.passed,
    expectedFailure: v.passed && !!v.expectedFailure,
    label: describe(e, lang),
    actual: v.passed ? undefined : v.actual,
    captured: v.captured,
  };
}

/**
 * The kinds' own explanations of their failed checks (the hook src/explain calls):
 * each failed check asks its kind, which may know more than the general rules.
 */
export function kindFindings(input: { checks: readonly CheckResult[]; state: LabState; commands: CommandResult[]; lang: Lang }): KindFinding[] {
  return input.checks
    .filter((c) => !c.passed)
    .flatMap((c) => kindOf(c.expectation).diagnose?.({ e: c.expectation, actual: c.actual, state: input.state, commands: input.commands, lang: input.lang }) ?? []);
}
