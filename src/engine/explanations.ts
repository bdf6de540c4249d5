/**
 * A failed step's explanations before their fixes are proven: the lesson's own
 * (its `explain` entries and the explanations of failed expectations) and the
 * built-in diagnosis, each with how much of what happened it accounts for.
 */
import type { Expectation } from '../lesson/types.js';
import type { PingOutcome } from '../checks/evaluate.js';
import { findings } from '../explain/diagnose.js';
import type { Draft } from '../explain/rank.js';
import type { DiagnosisInput } from '../explain/types.js';
import { ranClaim, splitCommandLine } from '../explain/rules/context.js';
import { scrubCommands } from '../explain/scrub.js';
import { packRegex } from '../text/pack-regex.js';
import { failedAsExpected } from '../checks/kinds/exit.js';

/** What the built-in diagnosis reads, and what only the lesson's explanations and the ranking need. */
export interface ExplainInput extends DiagnosisInput {
  pings?: Map<Expectation, PingOutcome>;
  /** The step comes from a pack that turned the built-in diagnosis off. */
  builtin?: boolean;
}

/** Something that went wrong: a failed check, a failed or killed command. */
interface Observation {
  /** Explicit name a finding can claim ('check:0', 'command:1', 'timeout:1'). */
  claim: string;
  /** Names that a diagnosis accounting for it mentions (all of them; its fix does not count); empty: only the claim counts. */
  tokens: string[];
}

function checkTokens(e: Expectation): string[] {
  const ns = (w: string) => (w === 'host' ? [] : [w]);
  switch (e.kind) {
    case 'netns':
      return [e.name];
    case 'link':
    case 'vxlan':
      return [e.name, ...ns(e.in)];
    case 'addr':
      return [e.cidr.split('/')[0]];
    case 'port':
      return [e.name, e.bridge];
    case 'same-mac':
      return [e.a, e.b];
    case 'neigh':
      return [e.address];
    case 'learned':
      return [e.macOf, e.bridge];
    case 'ping':
      return [e.target];
    case 'capture':
      return [e.iface];
    default:
      return [];
  }
}

function observations(input: ExplainInput): Observation[] {
  const out: Observation[] = [];
  input.checks.forEach((c, i) => {
    if (!c.passed) out.push({ claim: `check:${i}`, tokens: checkTokens(c.expectation) });
  });
  const expectsFailure = failedAsExpected(input.checks);
  // The step's own commands: a learner's segment that is one of them is the model answer, and a text quoting it accounts for nothing.
  const model = new Set(input.step.commands.flatMap((c) => splitCommandLine(c)));
  input.commands.forEach((r, i) => {
    // What the command did: a text that quotes one of its simple commands accounts for it.
    splitCommandLine(r.command).forEach((segment, j) => {
      if (!model.has(segment)) out.push({ claim: ranClaim(i, j), tokens: [segment] });
    });
    if (r.timedOut) out.push({ claim: `timeout:${i}`, tokens: [] });
    else if ((r.code !== 0 || r.stderr.trim() !== '') && !(expectsFailure && i === input.commands.length - 1)) {
      const quoted = [...(r.stderr || r.output).matchAll(/"([^"\s]{1,40})"/g)].map((m) => m[1]);
      out.push({ claim: `command:${i}`, tokens: [...new Set(quoted)].slice(0, 2) });
    }
  });
  return out;
}

function mentions(text: string, token: string): boolean {
  const esc = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.-])${esc}($|[^\\w.-]|\\.(?!\\w))`).test(text);
}

/**
 * How much of what happened a text accounts for. What the learner's command
 * did (or printed) is the cause and counts more than a failed check, which is
 * its consequence.
 */
function accounted(obs: Observation[], text: string, claims: readonly string[]): number {
  return obs
    .filter((o) => claims.includes(o.claim) || (o.tokens.length > 0 && o.tokens.every((t) => mentions(text, t))))
    .reduce((n, o) => n + (o.claim.startsWith('check:') ? 1 : 3), 0);
}

const READS_ERRORS = new Set(['commandErrors', 'syntax']);

/** The lesson's weight: above every built-in rule, so the author's words come first among equals. */
const LESSON_WEIGHT = 100;

export function lessonDrafts(input: ExplainInput, obs: Observation[] = observations(input)): Draft[] {
  const output = input.commands.map((c) => c.output).join('');
  const typed = input.commands.map((c) => c.command).join('\n');
  const commandClaims = obs.filter((o) => !o.claim.startsWith('check:')).map((o) => o.claim);
  const ran = input.commands.map((r) => r.command);
  const out: Draft[] = [];
  for (const e of input.step.explain) {
    const outputOk = e.output === undefined || packRegex(e.output, 'mi').test(output);
    const commandOk = e.command === undefined || packRegex(e.command, 'mi').test(typed);
    const unlessHit =
      (e.unless?.output !== undefined && packRegex(e.unless.output, 'mi').test(output)) || (e.unless?.command !== undefined && packRegex(e.unless.command, 'mi').test(typed));
    if (!outputOk || !commandOk || unlessHit) continue;
    const said = scrubCommands(e.say, ran);
    const fix = e.fix ?? said.fix;
    out.push({ text: said.text, ...(fix ? { fix } : {}), source: 'lesson', weight: LESSON_WEIGHT, accounts: accounted(obs, said.text, commandClaims) });
  }
  input.checks.forEach((c, i) => {
    if (c.passed || !c.expectation.explain) return;
    const said = scrubCommands(c.expectation.explain, ran);
    out.push({ text: said.text, ...(said.fix ? { fix: said.fix } : {}), source: 'lesson', weight: LESSON_WEIGHT, accounts: accounted(obs, said.text, [`check:${i}`]) });
  });
  return out;
}

/** Every explanation of a failed step, unranked, fixes unproven. */
export function explainDrafts(input: ExplainInput): Draft[] {
  const obs = observations(input);
  const fromLesson = lessonDrafts(input, obs);
  if (input.builtin === false) return fromLesson;
  const commandClaims = obs.filter((o) => o.claim.startsWith('command:')).map((o) => o.claim);
  const builtIn = findings({ step: input.step, commands: input.commands, checks: input.checks, state: input.state, before: input.before, lang: input.lang }).map(
    (f): Draft => {
      // Rules that read what a command printed account for its failure.
      const claims = [...(f.claims ?? []), ...(READS_ERRORS.has(f.family) ? commandClaims : [])];
      return { text: f.text, ...(f.fix ? { fix: f.fix } : {}), source: 'builtin', weight: f.weight, accounts: accounted(obs, f.text, claims) };
    },
  );
  // The lesson's own words win: a built-in explanation with the fix the lesson already gives says the same thing again,
  // unless it accounts for more of what happened (it names the learner's typo, the lesson only the missing result).
  const lessonAccounts = new Map<string, number>();
  for (const d of fromLesson) if (d.fix) lessonAccounts.set(d.fix, Math.max(lessonAccounts.get(d.fix) ?? 0, d.accounts));
  return [...fromLesson, ...builtIn.filter((d) => !d.fix || !lessonAccounts.has(d.fix) || d.accounts > lessonAccounts.get(d.fix)!)];
}
