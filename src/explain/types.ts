/** What the diagnosis reads and what a failed step's explanation is, for the rules, the engine, both front ends and the JSON reports. */
import type { Lang } from '../i18n/index.js';
import type { CommandResult } from '../lab/sandbox.js';
import type { LabState } from '../lab/state.js';
import type { CheckResult } from '../checks/result.js';
import type { Step } from '../lesson/types.js';

export interface DiagnosisInput {
  /** The step being judged (its expectations). */
  step: Step;
  /** What actually ran: the step's commands, or the learner's own command line. */
  commands: CommandResult[];
  /** The evaluated expectations; failed ones have passed === false. */
  checks: CheckResult[];
  /** Live state right after the commands ran. */
  state: LabState;
  /** The state just before them, when it was read (a typed command): what the command changed. */
  before?: LabState;
  lang: Lang;
}

export interface Explanation {
  /** The diagnosis, in the learner's language; never contains an unproven command that changes the lab. */
  text: string;
  /** One command line to run, present only once it was proven to make the step pass on a copy of the learner's lab. */
  fix?: string;
  /** The fix the explanation would offer, when no proof was run at all (`check`, `check --mutants`); never shown to a learner. */
  untested?: string;
  source: 'lesson' | 'builtin';
}
