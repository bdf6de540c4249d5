/** A failed step's explanations: the lesson's own first (they win), then the built-in diagnosis. */
import type { Lang } from '../i18n/index.js';
import type { CommandResult } from '../lab/sandbox.js';
import type { LabState } from '../lab/state.js';
import type { Expectation, Step } from '../lesson/types.js';
import { packRegex } from '../lesson/pack-regex.js';
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
    const outputOk = e.output === undefined || packRegex(e.output, 'mi').test(output);
    const commandOk = e.command === undefined || packRegex(e.command, 'mi').test(typed);
    if (outputOk && commandOk) out.push(e.say);
  }
  for (const c of checks) if (!c.passed && c.expectation.explain) out.push(c.expectation.explain);
  return out;
}

/** The command an explanation ends on: its last `code span`, the fix it recommends. */
function fixOf(text: string): string | undefined {
  const spans = [...text.matchAll(/`([^`]+)`/g)];
  return spans.length ? spans[spans.length - 1][1].trim() : undefined;
}

/**
 * The lesson's own words win: a built-in diagnosis that recommends a fix the
 * lesson already gave says the same thing again, and is left out.
 */
export function explainStep(input: ExplainInput): string[] {
  const fromLesson = lessonExplanations(input.step, input.commands, input.checks);
  const said = fromLesson.join('\n');
  const builtIn = diagnose({ step: input.step, commands: input.commands, checks: input.checks, state: input.state, lang: input.lang }).filter((e) => {
    const fix = fixOf(e);
    return !fix || !said.includes(fix);
  });
  return [...new Set([...fromLesson, ...builtIn])];
}
