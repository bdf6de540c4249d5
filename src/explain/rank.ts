/**
 * Orders a failed step's explanations and keeps them consistent: the one that
 * accounts for most of what happened first, and never two whose fixes would
 * pull the same thing in different directions.
 */
import { contradicts, effectsOf, impliedBy, sameChanges, type Effect } from './effects.js';
import { isReadOnlyCommand, splitCommandLine } from './rules/context.js';
import type { Explanation } from './types.js';

/** An explanation before its fix is proven. */
export interface Draft {
  /** The diagnosis, without the fix. */
  text: string;
  /** The command that would repair it; shown only once proven. */
  fix?: string;
  source: 'lesson' | 'builtin';
  /** How many of the things that went wrong (failed checks, failed or killed commands) it accounts for. */
  accounts: number;
  /** The rule's own specificity (lesson entries rank above every built-in rule). */
  weight: number;
}

/** Outcome of proving a fix: true made the step pass, false did not, undefined not known (yet). */
export type ProofOf = (fix: string) => boolean | undefined;

function key(d: Draft, proof: ProofOf): [number, number, number, number] {
  return [d.accounts, d.fix && proof(d.fix) ? 1 : 0, d.weight, d.source === 'lesson' ? 1 : 0];
}

/** Best first: accounts for more, then a proven fix, then rule weight, then the lesson's own; ties by text. */
export function compareDrafts(a: Draft, b: Draft, proof: ProofOf = () => undefined): number {
  const ka = key(a, proof);
  const kb = key(b, proof);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
  return a.text < b.text ? -1 : a.text > b.text ? 1 : (a.fix ?? '') < (b.fix ?? '') ? -1 : (a.fix ?? '') > (b.fix ?? '') ? 1 : 0;
}

/**
 * The explanations to show, best first. Where two contradict (their fixes set
 * the same property of the same object differently), the one whose fix is
 * proven wins, else the better ranked. A fix is attached only when proven.
 */
export function settle(drafts: readonly Draft[], proof: ProofOf = () => undefined, combined?: string, proofsRun = true): Explanation[] {
  const proven = (d: Draft) => !!d.fix && proof(d.fix) === true;
  let kept = consistent(drafts, proof);
  // Several partial fixes that only together make the step pass: offered with the best explanation that needs them.
  // Not when one explanation's own fix is enough: the combination would repeat a part that does nothing.
  let withCombined: Draft | undefined;
  const partOfCombined = (d: Draft) => !!withCombined && !!d.fix && combined!.includes(d.fix);
  // (A draft whose own fix is the combination is itself proven.)
  if (combined && proof(combined) === true && !kept.some(proven)) {
    const parts = kept.filter((d) => d.fix && combined.includes(d.fix));
    // Offered with an explanation of what to change, not one that only says to look again.
    withCombined = parts.find((d) => !isReadOnlyCommand(d.fix!)) ?? parts[0];
  }
  // Once a fix is proven, an explanation whose own fix was tried and failed leads the learner elsewhere: left out,
  // unless its fix is a part of the proven combination (it names one of the causes).
  if (withCombined || kept.some(proven)) kept = kept.filter((d) => !d.fix || proof(d.fix) !== false || partOfCombined(d));
  const shown = new Set<string>();
  const shownChanges: Effect[][] = [];
  return kept.map((d): Explanation => {
    const candidate = d === withCombined ? combined : proven(d) ? d.fix : undefined;
    // The same change spelt otherwise (`ip -n ns0 …`, `ip netns exec ns0 …`) is shown once too.
    const changes = candidate ? effectsOf(candidate) : [];
    const fix = candidate && !shown.has(candidate) && !shownChanges.some((c) => sameChanges(c, changes)) ? candidate : undefined;
    if (fix) {
      shown.add(fix);
      shownChanges.push(changes);
    }
    const untested = !proofsRun && !fix ? d.fix : undefined;
    return { text: d.text, ...(fix ? { fix } : {}), ...(untested ? { untested } : {}), source: d.source };
  });
}

/** Ranked drafts with duplicates and contradictions taken out (a proven fix wins a contradiction). */
function consistent(drafts: readonly Draft[], proof: ProofOf): Draft[] {
  const ranked = [...drafts].sort((a, b) => compareDrafts(a, b, proof));
  const effects = new Map<Draft, Effect[]>(ranked.map((d) => [d, d.fix ? effectsOf(d.fix) : []]));
  const proven = (d: Draft) => !!d.fix && proof(d.fix) === true;
  const kept: Draft[] = [];
  for (const d of [...ranked.filter(proven), ...ranked.filter((d) => !proven(d))]) {
    if (kept.some((k) => k.text === d.text)) continue;
    if (kept.some((k) => contradicts(effects.get(k)!, effects.get(d)!))) continue;
    kept.push(d);
  }
  return kept.sort((a, b) => compareDrafts(a, b, proof));
}

/**
 * The fixes of every consistent explanation, one after the other (each simple
 * command once), when there are several: what repairs a mistake with more than one cause.
 * With `looks` (the step's commands that show what a failed output check reads), even one fix
 * is followed by them: the step cannot pass until its output is shown.
 */
export function combinedFix(drafts: readonly Draft[], looks: readonly string[] = []): string | undefined {
  const fixes = [...new Set(consistent(drafts, () => undefined).flatMap((d) => (d.fix ? [d.fix] : [])))];
  if (fixes.length < (looks.length ? 1 : 2)) return undefined;
  // A part whose every change the earlier parts already made would fail (deleting an address a flush took away): left out.
  const parts: string[] = [];
  const shows: string[] = [];
  const done: Effect[] = [];
  for (const part of new Set(fixes.flatMap((f) => splitCommandLine(f)))) {
    // A part that only looks shows the result: after every change.
    if (isReadOnlyCommand(part)) {
      shows.push(part);
      continue;
    }
    const changes = effectsOf(part);
    if (changes.length && changes.every((e) => impliedBy(done, e))) continue;
    parts.push(part);
    done.push(...changes);
  }
  // Then what the step must show (a check on what the commands did): those commands only look, so they come last.
  for (const look of [...shows, ...looks]) if (!parts.includes(look)) parts.push(look);
  return parts.join(' && ');
}

/** The fixes worth proving, best first, each once, at most `limit`. */
export function fixesToProve(drafts: readonly Draft[], limit: number): string[] {
  const out: string[] = [];
  for (const d of [...drafts].sort((a, b) => compareDrafts(a, b))) if (d.fix && !out.includes(d.fix) && out.length < limit) out.push(d.fix);
  return out;
}
