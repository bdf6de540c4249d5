/** What a failed step's explanation is, for the engine, both front ends and the JSON reports. */

export interface Explanation {
  /** The diagnosis, in the learner's language; never contains an unproven command that changes the lab. */
  text: string;
  /** One command line to run, present only once it was proven to make the step pass on a copy of the learner's lab. */
  fix?: string;
  /** The fix the explanation would offer, when no proof was run at all (`check`, `check --mutants`); never shown to a learner. */
  untested?: string;
  source: 'lesson' | 'builtin';
}
