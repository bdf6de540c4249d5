/**
 * Findings of equal weight: the ranking must still be deterministic, keep one of two findings
 * that make each other redundant, and never depend on anything but the rules' order.
 */
import { describe, expect, it } from 'vitest';
import { findings, RULES } from '../../../src/explain/diagnose.js';
import type { Finding } from '../../../src/explain/rules/context.js';
import { fixture, step } from './helpers.js';

/** Nothing in this input makes a built-in rule speak: only the rules a test adds do. */
const quiet = () => ({ step: step([]), commands: [], checks: [], state: fixture('state-empty'), lang: 'en' as const });

function withRules<T>(rules: Record<string, Finding[]>, fn: () => T): T {
  const names = Object.keys(rules).map((n) => `tieTest_${n}`);
  Object.keys(rules).forEach((n, i) => (RULES[names[i]] = () => rules[n]));
  try {
    return fn();
  } finally {
    for (const n of names) delete RULES[n];
  }
}

const ranked = (rules: Record<string, Finding[]>) => withRules(rules, () => findings(quiet(), { strict: true }).map((f) => `${f.rule.replace('tieTest_', '')}:${f.id}`));

describe('ties between findings of equal weight', () => {
  it('the input alone makes no built-in rule speak', () => {
    expect(findings(quiet(), { strict: true })).toEqual([]);
  });

  it('distinct explanations of equal weight are all shown, in the order of the rules, the same every time', () => {
    const rules = { a: [{ id: 'x', weight: 70, text: 'X' }], b: [{ id: 'y', weight: 70, text: 'Y' }], c: [{ id: 'z', weight: 90, text: 'Z' }] };
    const first = ranked(rules);
    expect(first).toEqual(['c:z', 'a:x', 'b:y']);
    for (let i = 0; i < 5; i++) expect(ranked(rules)).toEqual(first);
    expect(ranked({ b: rules.b, a: rules.a })).toEqual(['b:y', 'a:x']);
  });

  it('one explanation (one id) found by two rules with equal weight is shown once, from the first rule', () => {
    expect(ranked({ a: [{ id: 'x', weight: 70, text: 'from a' }], b: [{ id: 'x', weight: 70, text: 'from b' }] })).toEqual(['a:x']);
    // A heavier finding of the same id wins whatever the order.
    expect(ranked({ a: [{ id: 'x', weight: 70, text: 'from a' }], b: [{ id: 'x', weight: 71, text: 'from b' }] })).toEqual(['b:x']);
  });

  it('a finding that covers another of equal weight hides it, whichever rule comes first', () => {
    const covering = { id: 'wide', weight: 70, text: 'W', covers: ['narrow'] };
    const narrow = { id: 'narrow', weight: 70, text: 'N' };
    expect(ranked({ a: [covering], b: [narrow] })).toEqual(['a:wide']);
    expect(ranked({ b: [narrow], a: [covering] })).toEqual(['a:wide']);
    // A lighter finding cannot hide a heavier one, and covers with a prefix ending in * hides every id it starts.
    expect(ranked({ a: [{ ...covering, weight: 60 }], b: [narrow] })).toEqual(['b:narrow', 'a:wide']);
    expect(ranked({ a: [{ ...covering, covers: ['nar*'] }], b: [narrow, { id: 'other', weight: 50, text: 'O' }] })).toEqual(['a:wide', 'b:other']);
  });

  it('two findings of equal weight that each cover the other: exactly one is shown, the first rule’s', () => {
    const a = { id: 'x', weight: 70, text: 'X', covers: ['y'] };
    const b = { id: 'y', weight: 70, text: 'Y', covers: ['x'] };
    expect(ranked({ a: [a], b: [b] })).toEqual(['a:x']);
    expect(ranked({ b: [b], a: [a] })).toEqual(['b:y']);
  });

  it('two ids with the same words are said once, the heavier or earlier one', () => {
    expect(ranked({ a: [{ id: 'x', weight: 70, text: 'same' }], b: [{ id: 'y', weight: 80, text: 'same' }] })).toEqual(['b:y']);
    expect(ranked({ a: [{ id: 'x', weight: 70, text: 'same' }], b: [{ id: 'y', weight: 70, text: 'same' }] })).toEqual(['a:x']);
  });
});
