/** Builders for diagnosis tests: recorded states, expectations, checks and command results. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { findings, type DiagnosisInput, type RuleFinding } from '../../../src/explain/diagnose.js';
import { Ctx, type Finding, type Rule } from '../../../src/explain/rules/context.js';
import type { CheckResult } from '../../../src/engine/types.js';
import type { Lang } from '../../../src/i18n/index.js';
import type { CommandResult } from '../../../src/lab/sandbox.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import type { Expectation, Step } from '../../../src/lesson/types.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A recorded LabState from test/fixtures (state-*.json or diag-*.json), as a fresh copy. */
export function fixture(name: string): LabState {
  return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as LabState;
}

/** A recorded state edited in place by `edit`. */
export function edited(name: string, edit: (s: LabState) => void): LabState {
  const s = fixture(name);
  edit(s);
  return s;
}

export function link(s: LabState, name: string, ns = 'host'): LinkState {
  const l = s.links.find((x) => x.name === name && x.ns === ns);
  if (!l) throw new Error(`no ${name} in ${ns}`);
  return l;
}

type Dist<T> = T extends unknown ? Omit<T, 'line'> : never;
export type ExpInput = Dist<Expectation>;

const L = { line: 1 };
export const exp = {
  exit: (status: number | 'nonzero'): Expectation => ({ ...L, kind: 'exit', status }),
  output: (pattern: string, matches = true): Expectation => ({ ...L, kind: 'output', pattern, matches }),
  netns: (name: string, exists = true): Expectation => ({ ...L, kind: 'netns', name, exists }),
  link: (name: string, inNs = 'host', o: { exists?: boolean; up?: boolean } = {}): Expectation => ({ ...L, kind: 'link', name, in: inNs, exists: o.exists ?? true, up: o.up }),
  addr: (cidr: string, dev: string, inNs = 'host', exists = true): Expectation => ({ ...L, kind: 'addr', cidr, dev, in: inNs, exists }),
  port: (name: string, bridge: string, inNs = 'host', exists = true): Expectation => ({ ...L, kind: 'port', name, bridge, in: inNs, exists }),
  sameMac: (a: string, b: string, inNs = 'host'): Expectation => ({ ...L, kind: 'same-mac', a, b, in: inNs }),
  neigh: (address: string, dev: string, inNs = 'host', resolved = true): Expectation => ({ ...L, kind: 'neigh', address, dev, in: inNs, resolved }),
  learned: (bridge: string, macOf: string, macIn = 'host', inNs = 'host'): Expectation => ({ ...L, kind: 'learned', bridge, in: inNs, macOf, macIn }),
  ping: (target: string, from = 'host', o: { iface?: string; succeeds?: boolean } = {}): Expectation => ({ ...L, kind: 'ping', target, from, iface: o.iface, succeeds: o.succeeds ?? true }),
};

export function step(expect: Expectation[], commands: string[] = []): Step {
  return { id: 's', title: 'A step', prose: '', commands, expect, hints: ['h'], explain: [], wrong: [], without: {}, timeout: 10, diagnose: true, line: 1, commandsLine: 2 };
}

/** A finished command; `err` is its stderr (also its output). */
export function ran(command: string, code = 0, err = '', out = ''): CommandResult {
  return { command, code, signal: null, timedOut: false, cancelled: false, stdout: out, stderr: err, output: out + err, durationMs: 5 };
}

export const PING_LOSS = 'PING 192.168.100.2 (192.168.100.2) 56(84) bytes of data.\n\n--- 192.168.100.2 ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n';
export const PING_OK = 'PING 192.168.100.2 (192.168.100.2) 56(84) bytes of data.\n64 bytes from 192.168.100.2: icmp_seq=1 ttl=64 time=0.051 ms\n\n--- 192.168.100.2 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\n';

export function check(expectation: Expectation, passed = false): CheckResult {
  return { expectation, passed, expectedFailure: false, label: '' };
}

export interface Case {
  state: LabState;
  /** The state before the commands ran (a typed command). */
  before?: LabState;
  /** Expectations that failed (each becomes a failed check and part of the step). */
  failed?: Expectation[];
  /** Expectations that passed. */
  passed?: Expectation[];
  /** The step's own commands (the model answer). */
  reference?: string[];
  commands?: CommandResult[];
  lang?: Lang;
}

/** What the diagnosis is given for a case: its step, commands, checks and states. */
export function inputOf(c: Case): DiagnosisInput {
  const failed = c.failed ?? [];
  const passed = c.passed ?? [];
  return {
    step: step([...failed, ...passed], c.reference ?? []),
    commands: c.commands ?? [],
    checks: [...failed.map((e) => check(e, false)), ...passed.map((e) => check(e, true))],
    state: c.state,
    before: c.before,
    lang: c.lang ?? 'en',
  };
}

/** One rule run alone on a case, each finding with the fix its text offers. */
export function direct(rule: Rule, c: Case): (Finding & { fix?: string })[] {
  const ctx = new Ctx(inputOf(c));
  return rule(ctx).map((f) => ({ ...f, fix: ctx.fixes.get(f.text) }));
}

/** Runs the diagnosis (rules that throw fail the test). */
export function diagnoseCase(c: Case): RuleFinding[] {
  const out = findings(inputOf(c), { strict: true });
  for (const f of out) {
    expect(f.text, `unfilled placeholder in ${f.rule}`).not.toMatch(/\{[a-zA-Z]+\}/);
    if (f.fix && !c.commands?.some((r) => r.command === f.fix)) expect(f.text, `${f.rule} repeats its fix in the text`).not.toContain(`\`${f.fix}\``);
  }
  return out;
}

/** A finding as the learner reads it once its fix is proven: the diagnosis, then the fix as code. */
export function shown(f: RuleFinding): string {
  return f.fix ? `${f.text}\n\`${f.fix}\`` : f.text;
}

/**
 * A tracker for one rule family: `by(rule, case)` diagnoses the case, asserts
 * `rule` produced a finding and returns it as shown with its fix. After the file's tests, every
 * rule of the family must have been exercised.
 */
export function familyTracker(family: Record<string, unknown>) {
  const hit = new Set<string>();
  afterAll(() => {
    const missing = Object.keys(family).filter((r) => !hit.has(r));
    expect(missing, 'rules without a test').toEqual([]);
  });
  return {
    by(rule: string, c: Case): string {
      const fs = diagnoseCase(c);
      const f = fs.find((x) => x.rule === rule);
      expect(f, `${rule} found nothing; got ${JSON.stringify(fs.map((x) => [x.rule, x.text]), null, 1)}`).toBeDefined();
      hit.add(rule);
      return shown(f!);
    },
    all: diagnoseCase,
  };
}
