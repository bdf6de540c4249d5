import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/checks/evaluate.js';
import { findings } from '../../src/explain/diagnose.js';
import { findKind, judgesCommands, kindNames, needsOf, registerKind } from '../../src/checks/registry.js';
import type { LabState } from '../../src/lab/state.js';
import { parseLesson } from '../../src/lesson/parse.js';
import { carrierKind } from '../fixtures/kinds/carrier.js';

const state = (name: string): LabState => JSON.parse(readFileSync(new URL(`../fixtures/state-${name}.json`, import.meta.url), 'utf8'));

const lesson = (expect: string) => `---
id: carrier
title: Carrier
---

## Plug it in

\`\`\`sh run
ip link set veth0-0 up
\`\`\`

\`\`\`yaml step
expect:
${expect}
hints:
  - bring both ends up
\`\`\`
`;

describe('a check kind added from outside src/ (test/fixtures/kinds/carrier.ts)', () => {
  it('is unknown before it is registered', () => {
    expect(findKind('carrier')).toBeUndefined();
    const r = parseLesson('l.md', lesson('  - carrier: veth0-0'));
    expect(r.errors[0].message).toMatch(/no known kind \(first key `carrier`\)/);
  });

  it('needs only its module and one registration to be parsed, linted, planned and judged', () => {
    registerKind(carrierKind);
    expect(kindNames()).toContain('carrier');

    const r = parseLesson('l.md', lesson('  - carrier: veth0-1\n    in: ns0\n    label: the cable is plugged in'));
    expect(r.errors).toEqual([]);
    const e = r.lesson!.steps[0].expect[0];
    expect(e).toMatchObject({ kind: 'carrier', name: 'veth0-1', in: 'ns0', has: true, label: 'the cable is plugged in', line: 14 });

    // The engine reads what the kind says it needs; a kind that judges the lab can be judged again without the commands.
    expect([...needsOf([e]).sections]).toEqual(['links']);
    expect(judgesCommands(e)).toBe(false);

    const pair = state('across-ns0');
    const up = pair.links.find((l) => l.name === 'veth0-1')!;
    expect(evaluate(e, { state: pair, commands: [], pings: new Map(), captures: new Map() }, 'en')).toMatchObject({ passed: up.carrier, label: 'the cable is plugged in' });
    const down = { ...pair, links: pair.links.map((l) => (l.name === 'veth0-1' ? { ...l, carrier: false } : l)) };
    expect(evaluate(e, { state: down, commands: [], pings: new Map(), captures: new Map() }, 'zh')).toMatchObject({ passed: false, actual: '载波状态：off' });
    expect(evaluate({ ...e, label: undefined }, { state: down, commands: [], pings: new Map(), captures: new Map() }, 'zh').label).toBe('ns0 中的 veth0-1 有载波');

    // Its own diagnosis reaches the built-in explanations, with its fix (to be proven), and claims the check.
    const peerDown = { ...pair, links: pair.links.map((l) => (l.name === 'veth0-0' ? { ...l, up: false } : l.name === 'veth0-1' ? { ...l, carrier: false } : l)) };
    const failed = evaluate(e, { state: peerDown, commands: [], pings: new Map(), captures: new Map() }, 'en');
    expect(failed.passed).toBe(false);
    const step = { ...r.lesson!.steps[0], expect: [e] };
    const found = findings({ step, commands: [], checks: [failed], state: peerDown, lang: 'en' }).find((f) => f.rule === 'kind:carrier');
    expect(found).toMatchObject({ text: 'veth0-1 has no carrier because its peer is down.', fix: 'ip link set up veth0-0', family: 'kinds', claims: ['check:0'] });

    // Its own schema errors come out located, like a built-in kind's.
    const bad = parseLesson('l.md', lesson('  - carrier: veth0-1\n    has: maybe'));
    expect(bad.errors).toEqual([{ file: 'l.md', line: 15, message: '`has` in `carrier` expectation must be true or false, not the text "maybe"' }]);
  });

  it('refuses a second kind with a taken name', () => {
    expect(() => registerKind({ ...carrierKind, name: 'link' } as never)).toThrow(/registered twice/);
  });
});

describe('built-in kinds: which judge what the commands did', () => {
  it('exit, output and capture judge the commands (a re-check of the lab alone cannot judge them); the others judge the lab', () => {
    const judging = kindNames().filter((k) => k !== 'carrier' && judgesCommands({ kind: k, line: 1 }));
    expect(judging.sort()).toEqual(['capture', 'exit', 'output']);
  });
});
