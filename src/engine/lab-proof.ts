/** Proofs on real labs: a new sandbox per fix with the learner's history replayed, then the fix, then the step judged. */
import type { Lang } from '../i18n/index.js';
import type { Lab } from '../lab/sandbox.js';
import { findStep } from '../lesson/refs.js';
import type { Course } from '../lesson/types.js';
import { isReadOnlyCommand } from '../explain/rules/context.js';
import { failedAsExpected } from '../checks/kinds/exit.js';
import { replayHistory, type HistoryEntry } from './history.js';
import type { ProofRun } from './proofs.js';
import { runStep } from './run-step.js';

export interface LabProofDeps {
  course: Course;
  lang: Lang;
  startLab: () => Promise<Lab>;
  /** What ran in the learner's lab, up to and including the failed attempt. */
  history: readonly HistoryEntry[];
  /** The step to judge. */
  ref: string;
  missing?: ReadonlySet<string>;
}

/** Proofs on real labs: a new sandbox per fix, the history replayed, the fix run as the learner would type it; it must pass the step without an error. */
export function labProofRun(deps: LabProofDeps): ProofRun {
  const target = findStep(deps.course, deps.ref);
  if (!target) throw new Error(`no step ${deps.ref}`);
  const history = [...deps.history];
  return async (fix, signal) => {
    const lab = await deps.startLab();
    try {
      await replayHistory(lab, deps.course, history, { missing: deps.missing, signal });
      if (signal?.aborted) return false;
      const r = await runStep(lab, target.step, { ref: target.ref, lang: deps.lang, command: fix, signal, missing: deps.missing });
      // A fix that prints an error is no advice, even when the step passes after it (a part undoing what is already undone).
      // Unless the step wants a failure: the ping it expects to fail, alone or after the changes.
      return r.passed && (r.commands.every((c) => c.code === 0) || isReadOnlyCommand(fix) || failedAsExpected(r.checks));
    } finally {
      await lab.close();
    }
  };
}
