/** A failed step's explanations: the lesson's own first (they win), then the built-in diagnosis. */
import type { Lang } from '../i18n/index.js';
import type { CommandResult } from '../lab/sandbox.js';
import type { LabState } from '../lab/state.js';
import type { Expectation, Step } from '../lesson/types.js';
import type { PingOutcome } from '../checks/evaluate.js';
import { diagnose } from '../explain/diagnose.js';
import type { CheckResult } from './types.js';

export interface ExplainInput {
  step: Step;
  commands: CommandResult[];
  checks: CheckResult[];
  state: LabState;
  lang: Lang;
  pings?: Map<Expectation, PingOutcome>;
}

export function lessonExplanations(step: Step, commands: CommandResult[], checks: CheckResult[]): string[] {
  const output = commands.map((c) => c.output).join('');
  const typed = commands.map((c) => c.command).join('\n');
  const out: string[] = [];
  for (const e of step.explain) {
    const outputOk = e.output === undefined || new RegExp(e.output, 'mi').test(output);
    const commandOk = e.command === undefined || new RegExp(e.command, 'mi').test(typed);
    if (outputOk && commandOk) out.push(e.say);
  }
  for (const c of checks) if (!c.passed && c.expectation.explain) out.push(c.expectation.explain);
  return out;
}

export function explainStep(input: ExplainInput): string[] {
  const fromLesson = lessonExplanations(input.step, input.commands, input.checks);
  const builtIn = diagnose({ step: input.step, commands: input.commands, checks: input.checks, state: input.state, lang: input.lang });
  return [...new Set([...fromLesson, ...builtIn])];
}
