/**
 * The built-in diagnosis: explains, like a teacher, why a step failed. Each rule
 * (src/explain/rules/) is a pure function of the step, what ran, the checks and
 * the live state; their findings are merged, the most specific first.
 */
import type { DiagnosisInput } from './types.js';
import { Ctx, type Finding, type Rule } from './rules/context.js';
import { commandErrorRules } from './rules/command-errors.js';
import { syntaxRules } from './rules/syntax.js';
import { linkRules } from './rules/links.js';
import { addressRules } from './rules/addresses.js';
import { bridgeRules } from './rules/bridge.js';
import { reachabilityRules } from './rules/reachability.js';
import { unexpectedRules } from './rules/unexpected.js';
import { mistakeRules } from './rules/mistakes.js';
import { kindFindings } from '../checks/evaluate.js';

export type { DiagnosisInput } from './types.js';

/** Every built-in rule by name, grouped by family. */
export const RULE_FAMILIES = {
  commandErrors: commandErrorRules,
  syntax: syntaxRules,
  links: linkRules,
  addresses: addressRules,
  bridge: bridgeRules,
  reachability: reachabilityRules,
  unexpected: unexpectedRules,
  mistakes: mistakeRules,
} satisfies Record<string, Record<string, Rule>>;

export const RULES: Record<string, Rule> = Object.assign({}, ...Object.values(RULE_FAMILIES));

export interface RuleFinding extends Finding {
  /** The rule that found it, and its family (a key of RULE_FAMILIES). */
  rule: string;
  family: string;
  /** The command that would repair what it found, not part of `text`; unproven. */
  fix?: string;
}

function coveredBy(id: string, cover: string): boolean {
  return cover.endsWith('*') ? id.startsWith(cover.slice(0, -1)) : id === cover;
}

/**
 * The findings behind diagnose(), with the rule that made each: one per id (the
 * most specific), none that a more specific finding makes redundant, sorted
 * most specific first. A rule that throws is skipped unless `strict`.
 */
export function findings(input: DiagnosisInput, opts: { strict?: boolean } = {}): RuleFinding[] {
  const ctx = new Ctx(input);
  const best = new Map<string, RuleFinding>();
  const familyOf = new Map(Object.entries(RULE_FAMILIES).flatMap(([family, rules]) => Object.keys(rules).map((r) => [r, family] as const)));
  for (const [name, rule] of Object.entries(RULES)) {
    let found: Finding[];
    try {
      found = rule(ctx);
    } catch (err) {
      if (opts.strict) throw err;
      continue;
    }
    for (const f of found) {
      const prev = best.get(f.id);
      const fix = ctx.fixes.get(f.text);
      if (!prev || f.weight > prev.weight) best.set(f.id, { ...f, rule: name, family: familyOf.get(name)!, ...(fix ? { fix } : {}) });
    }
  }
  // Each failed check's kind may explain itself (src/checks/kinds/*: `diagnose`); it claims the check it explains.
  input.checks.forEach((c, i) => {
    if (c.passed) return;
    for (const f of kindFindings({ checks: [c], state: input.state, commands: input.commands, lang: input.lang })) {
      const prev = best.get(f.id);
      if (!prev || f.weight > prev.weight)
        best.set(f.id, { id: f.id, weight: f.weight, text: f.text, claims: [`check:${i}`], rule: `kind:${c.expectation.kind}`, family: 'kinds', ...(f.fix ? { fix: f.fix } : {}) });
    }
  });
  const all = [...best.values()];
  const covers = (o: RuleFinding, f: RuleFinding) => !!o.covers?.some((c) => coveredBy(f.id, c));
  // o hides f when it covers f and is heavier; at equal weight too, unless f covers o back: then the earlier one stays.
  const hides = (o: RuleFinding, f: RuleFinding) => o !== f && covers(o, f) && (o.weight > f.weight || (o.weight === f.weight && (!covers(f, o) || all.indexOf(o) < all.indexOf(f))));
  const kept = all.filter((f) => !all.some((o) => hides(o, f)));
  kept.sort((a, b) => b.weight - a.weight);
  const seen = new Set<string>();
  return kept.filter((f) => !seen.has(f.text) && !!seen.add(f.text));
}

/** Specific explanations, most specific first, no duplicates; [] when nothing applies. */
export function diagnose(input: DiagnosisInput): string[] {
  return findings(input).map((f) => f.text);
}
