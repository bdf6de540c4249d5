// src/engine/explanations.ts without a lab: which lesson explanations apply, how much of what happened each accounts for, and how they meet the built-in diagnosis.
import { describe, expect, it } from 'vitest';
import { explainDrafts, lessonDrafts, type ExplainInput } from '../../../src/engine/explanations.js';
import type { CommandResult } from '../../../src/lab/sandbox.js';
import type { Expectation, Explanation as LessonExplanation } from '../../../src/lesson/types.js';
import { check, edited, exp, fixture, link, ran, step } from '../explain/helpers.js';

const empty = () => fixture('state-empty');

/** An input whose step has the lesson `explain` entries given; checks failed unless listed as passed. */
function input(o: { explain?: Omit<LessonExplanation, 'line'>[]; failed?: Expectation[]; passed?: Expectation[]; model?: string[]; commands?: CommandResult[]; builtin?: boolean }): ExplainInput {
  const failed = o.failed ?? [];
  const passed = o.passed ?? [];
  const s = { ...step([...failed, ...passed], o.model ?? []), explain: (o.explain ?? []).map((e) => ({ ...e, line: 1 })) };
  return {
    step: s,
    commands: o.commands ?? [],
    checks: [...failed.map((e) => check(e, false)), ...passed.map((e) => check(e, true))],
    state: empty(),
    lang: 'en',
    builtin: o.builtin,
  };
}

/** How much a lesson `explain` entry saying `say` accounts for (it claims every command observation, checks only by naming them). */
function accountsOf(say: string, o: Parameters<typeof input>[0] = {}): number {
  const drafts = lessonDrafts(input({ ...o, explain: [{ say }] }));
  expect(drafts).toHaveLength(1);
  return drafts[0].accounts;
}

describe('lessonDrafts: which entries apply', () => {
  const failing = ran('ip link set up veth0-1', 1, 'Cannot find device "veth0-1"\n');

  it('output and command patterns, case-insensitive and per line; `unless` rules an entry out', () => {
    const texts = (explain: Omit<LessonExplanation, 'line'>[], commands = [failing]) => lessonDrafts(input({ explain, commands })).map((d) => d.text);
    expect(texts([{ say: 'always' }])).toEqual(['always']);
    expect(texts([{ output: '^cannot find', say: 'out' }])).toEqual(['out']);
    expect(texts([{ output: 'no such thing', say: 'out' }])).toEqual([]);
    expect(texts([{ command: 'veth0-1$', say: 'cmd' }])).toEqual(['cmd']);
    expect(texts([{ command: 'veth0-0', say: 'cmd' }])).toEqual([]);
    expect(texts([{ command: 'veth0-1', output: 'nothing like it', say: 'both' }])).toEqual([]);
    expect(texts([{ command: 'veth0-1', output: 'device', say: 'both' }])).toEqual(['both']);
    expect(texts([{ say: 'u', unless: { output: 'DEVICE' } }])).toEqual([]);
    expect(texts([{ say: 'u', unless: { command: 'set up' } }])).toEqual([]);
    expect(texts([{ say: 'u', unless: { output: 'absent' } }])).toEqual(['u']);
    expect(texts([{ say: 'u', unless: { output: 'cannot FIND' } }])).toEqual([]);
    expect(texts([{ say: 'u', unless: { command: 'absent' } }])).toEqual(['u']);
    // Every command's output, and each typed line on a line of its own.
    const two = [ran('echo a', 0, '', 'first\n'), ran('echo b', 0, '', 'second\n')];
    expect(texts([{ output: '^second$', say: 'o' }, { command: '^echo b$', say: 'c' }], two)).toEqual(['o', 'c']);
    expect(texts([{ command: 'a\\necho b', say: 'joined' }], two)).toEqual(['joined']);
  });

  it("an entry's text loses its change commands: the fix is the entry's own, else the one its text named", () => {
    const drafts = lessonDrafts(
      input({
        explain: [{ say: 'Bring it up: `ip link set up veth0-0`.' }, { say: 'Bring it up: `ip link set up veth0-0`.', fix: 'ip link set up veth0-0 && true' }, { say: 'Look with `ip -br link`.' }],
      }),
    );
    expect(drafts).toStrictEqual([
      { text: 'Bring it up.', fix: 'ip link set up veth0-0', source: 'lesson', weight: 100, accounts: 0 },
      { text: 'Bring it up.', fix: 'ip link set up veth0-0 && true', source: 'lesson', weight: 100, accounts: 0 },
      { text: 'Look with `ip -br link`.', source: 'lesson', weight: 100, accounts: 0 },
    ]);
  });

  it('failed checks with their own explanation follow the entries; passed checks and checks without one say nothing', () => {
    const a: Expectation = { ...exp.netns('ns0'), explain: 'No ns0: `ip netns add ns0`' };
    const b: Expectation = { ...exp.netns('ns1') };
    const c: Expectation = { ...exp.netns('ns2'), explain: 'ns2 is there' };
    const drafts = lessonDrafts(input({ explain: [{ say: 'first' }], failed: [a, b], passed: [c] }));
    expect(drafts).toStrictEqual([
      { text: 'first', source: 'lesson', weight: 100, accounts: 0 },
      { text: 'No ns0.', fix: 'ip netns add ns0', source: 'lesson', weight: 100, accounts: 1 },
    ]);
  });

  it("a check's explanation claims its own check, and others only by naming them", () => {
    const a: Expectation = { ...exp.netns('ns0'), explain: 'ns0 and ns1 are missing' };
    const b: Expectation = { ...exp.netns('ns1'), explain: 'something else' };
    const drafts = lessonDrafts(input({ failed: [a, b] }));
    expect(drafts.map((d) => [d.text, d.accounts])).toEqual([
      ['ns0 and ns1 are missing', 2],
      ['something else', 1],
    ]);
  });
});

describe('lessonDrafts: what a text accounts for', () => {
  it('a failed check counts 1 when the text names what it is about', () => {
    const cap: Expectation = { kind: 'capture', line: 1, iface: 'veth0-1', in: 'ns0', shows: [], hides: [] };
    const sys: Expectation = { kind: 'sysctl', line: 1, name: 'net.ipv4.ip_forward', value: '1', in: 'host' };
    const cases: [Expectation, string, number][] = [
      [exp.netns('ns0'), 'ns0 is missing', 1],
      [exp.netns('ns0'), 'nothing named', 0],
      [exp.link('veth0-1', 'ns0'), 'veth0-1 is not in ns0', 1],
      [exp.link('veth0-1', 'ns0'), 'veth0-1 is missing', 0],
      [exp.link('veth0-1', 'ns0'), 'ns0 is empty', 0],
      [exp.link('veth0-0'), 'veth0-0 is missing', 1],
      [exp.addr('10.0.0.1/24', 'veth0-0'), 'veth0-0 has no 10.0.0.1.', 1],
      [exp.addr('10.0.0.1/24', 'veth0-0'), 'veth0-0 has 10.0.0.10', 0],
      [exp.addr('10.0.0.1/24', 'veth0-0'), 'it is 10.0.0.1/24 that is missing', 1],
      [exp.port('veth0-0', 'br0'), 'veth0-0 is not in br0', 1],
      [exp.port('veth0-0', 'br0'), 'veth0-0 is alone', 0],
      [exp.port('veth0-0', 'br0'), 'br0 is empty', 0],
      [exp.sameMac('br0', 'veth0-0'), 'br0 and veth0-0 differ', 1],
      [exp.sameMac('br0', 'veth0-0'), 'br0 differs', 0],
      [exp.sameMac('br0', 'veth0-0'), 'veth0-0 differs', 0],
      [exp.neigh('10.0.0.2', 'veth0-0'), 'no entry for 10.0.0.2', 1],
      [exp.neigh('10.0.0.2', 'veth0-0'), 'no entry on veth0-0', 0],
      [exp.learned('br0', 'veth0-1', 'ns0'), 'br0 has not learned veth0-1', 1],
      [exp.learned('br0', 'veth0-1', 'ns0'), 'veth0-1 is silent', 0],
      [exp.learned('br0', 'veth0-1', 'ns0'), 'br0 is silent', 0],
      [exp.ping('10.0.0.2', 'ns0'), 'nothing answers 10.0.0.2', 1],
      [exp.ping('10.0.0.2', 'ns0'), 'nothing answers in ns0', 0],
      [cap, 'veth0-1 saw nothing', 1],
      [cap, 'ns0 saw nothing', 0],
      [sys, 'net.ipv4.ip_forward is off', 0],
      [exp.exit(0), 'exit 0', 0],
    ];
    expect(cases.map(([e, say]) => accountsOf(say, { failed: [e] }))).toEqual(cases.map((c) => c[2]));
  });

  it('a name counts only as a whole word: not inside a longer name, an address or a path', () => {
    const c = (say: string) => accountsOf(say, { failed: [exp.netns('ns0')] });
    expect([c('ns0'), c('(ns0)'), c('`ns0`'), c('ns0.'), c('ns0, then'), c('in ns0/x')]).toEqual([1, 1, 1, 1, 1, 1]);
    expect([c('ns01'), c('xns0'), c('my-ns0'), c('ns0-a'), c('a.ns0'), c('ns0_'), c('ns0.b'), c('ns0.10')]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("what the learner's command did counts 3 for each simple command that is not the model answer; a lesson entry claims them all", () => {
    const commands = [ran('ip link add d0 type dummy; ip link show')];
    expect(accountsOf('anything', { commands, model: ['ip link show'] })).toBe(3);
    expect(accountsOf('anything', { commands, model: [] })).toBe(6);
    expect(accountsOf('anything', { commands, model: ['ip link add d0 type dummy', 'ip link show'] })).toBe(0);
  });

  it("a check's explanation counts a simple command it quotes, and a failed command whose quoted words it names", () => {
    const e = (explain: string): Expectation => ({ ...exp.netns('ns0'), explain });
    const acc = (say: string, commands: CommandResult[], model: string[] = []) => lessonDrafts(input({ failed: [e(say)], commands, model }))[0].accounts;
    const added = [ran('ip link add d0 type dummy')];
    expect(acc('You ran ip link add d0 type dummy instead', added)).toBe(4);
    expect(acc('You made a dummy instead', added)).toBe(1);
    // A segment that is the model answer is not what the learner got wrong.
    expect(acc('You ran ip link add d0 type dummy instead', added, ['ip link add d0 type dummy'])).toBe(1);

    const failed = [ran('ip link set up veth0-9', 1, 'Cannot find device "veth0-9"\n')];
    expect(acc('veth0-9 does not exist', failed, ['ip link set up veth0-9'])).toBe(4);
    expect(acc('it does not exist', failed, ['ip link set up veth0-9'])).toBe(1);
    // stderr on its own, with status 0, is a failure too.
    expect(acc('veth0-9 does not exist', [ran('ip link set up veth0-9', 0, 'Cannot find device "veth0-9"\n')], ['ip link set up veth0-9'])).toBe(4);
    // Without stderr the quoted words come from the output: the first two, each once; all of them must be named.
    const out = (o: string) => [ran('x', 2, '', o)];
    expect(acc('foo and bar', out('Error "foo" and "foo" and "bar" and "baz"'), ['x'])).toBe(4);
    expect(acc('foo only', out('Error "foo" and "bar"'), ['x'])).toBe(1);
    expect(acc('foo and baz', out('Error "foo" and "bar" and "baz"'), ['x'])).toBe(1);
    // Quoted words with spaces, or longer than 40 characters, are not names.
    expect(acc('a b c', out('Error "a b" "c"'), ['x'])).toBe(4);
    expect(acc(`${'y'.repeat(41)} c`, out(`Error "${'y'.repeat(41)}" "c"`), ['x'])).toBe(4);
    expect(acc(`${'y'.repeat(40)}`, out(`Error "${'y'.repeat(40)}" "c"`), ['x'])).toBe(1);
    // A command that failed without quoting anything is accounted for only by a claim.
    expect(acc('whatever', out('Error: bad'), ['x'])).toBe(1);
  });

  it('a failed or timed-out command counts 3 for a lesson entry; a success with no stderr nothing', () => {
    const model = ['m'];
    expect(accountsOf('x', { commands: [ran('m', 0)], model })).toBe(0);
    expect(accountsOf('x', { commands: [ran('m', 1)], model })).toBe(3);
    expect(accountsOf('x', { commands: [ran('m', 0, 'warning\n')], model })).toBe(3);
    expect(accountsOf('x', { commands: [ran('m', 0, '  \n')], model })).toBe(0);
    const timedOut: CommandResult = { ...ran('m'), code: null, signal: 'SIGKILL', timedOut: true };
    expect(accountsOf('x', { commands: [timedOut], model })).toBe(3);
    expect(accountsOf('x', { commands: [ran('m', 1), ran('m', 1)], model })).toBe(6);
  });

  it('a passed check is nothing that went wrong: naming it accounts for nothing', () => {
    expect(accountsOf('ns0 is there', { passed: [exp.netns('ns0')] })).toBe(0);
    expect(accountsOf('ns0 is there', { passed: [exp.netns('ns0')], failed: [exp.netns('ns1')] })).toBe(0);
  });

  it('a command killed by the timeout is claimed as such (killedByTimeout): 3 for the kill, not for a failure', () => {
    const timedOut: CommandResult = { ...ran('ping 192.168.100.2'), code: null, signal: 'SIGKILL', timedOut: true };
    const drafts = explainDrafts({ ...input({ failed: [exp.exit(0)], commands: [timedOut], model: ['ping -c 1 192.168.100.2'] }), state: fixture('state-across-ns0') });
    const killed = drafts.find((d) => d.text.includes('without -c, ping never stops by itself'))!;
    // The kill (3), the simple command that is not the model answer (3), and not a second time as a failed command.
    expect(killed.accounts).toBe(6);
  });

  it('a step that expects its last command to fail: that failure is no mistake, an earlier one still is', () => {
    const model = ['m'];
    const exit1 = exp.exit(1);
    const ns = exp.netns('ns0');
    expect(accountsOf('x', { commands: [ran('m', 1)], model, passed: [exit1], failed: [ns] })).toBe(0);
    expect(accountsOf('x', { commands: [ran('m', 1), ran('m', 1)], model, passed: [exit1], failed: [ns] })).toBe(3);
    // The exit check failed: the failure is a mistake after all.
    expect(accountsOf('x', { commands: [ran('m', 1)], model, failed: [exit1, ns] })).toBe(3);
    // Expecting success is not expecting a failure.
    expect(accountsOf('x', { commands: [ran('m', 1)], model, passed: [exp.exit(0)], failed: [ns] })).toBe(3);
  });
});

describe('explainDrafts: a finding about a ping the learner typed', () => {
  it('accounts for that command, so it ranks above lesson texts that only name failed checks', () => {
    const wantsLoss: Expectation = { kind: 'exit', line: 1, status: 1 };
    const capture: Expectation = { kind: 'capture', line: 2, iface: 'veth0-1', in: 'ns0', shows: ['arp-request'], hides: [], explain: 'veth0-1 should see the ARP request.' };
    const drafts = explainDrafts({
      step: step([wantsLoss, capture], ['ping -c 1 -W 0.5 192.168.100.2']),
      commands: [ran('ping -c 1 -W 0.5 192.168.100.1', 0, '', '1 packets transmitted, 1 received, 0% packet loss\n')],
      checks: [check(wantsLoss), check(capture)],
      state: fixture('state-veth-pair'),
      lang: 'en',
    });
    const local = drafts.find((d) => d.text.startsWith('The ping was answered by the host namespace itself'))!;
    const lesson = drafts.find((d) => d.source === 'lesson')!;
    // The typed ping counts as a cause (3); a failed check as a consequence (1).
    expect(local.accounts).toBe(3);
    expect(lesson.accounts).toBe(1);
  });
});

describe('explainDrafts: the lesson and the built-in diagnosis together', () => {
  const down = () => edited('state-across-ns0', (s) => (link(s, 'veth0-1', 'ns0').up = false));
  const needsUp: Expectation = { ...exp.link('veth0-1', 'ns0', { up: true }), explain: 'veth0-1 is in ns0 but `DOWN`: `ip netns exec ns0 ip link set up veth0-1`' };
  const model = ['ip netns exec ns0 ip link set up veth0-1'];
  const typo = [ran('ip netns exec ns0 ip link set up veth0-l', 1, 'Cannot find device "veth0-l"\n')];
  const base = (commands: CommandResult[], builtin?: boolean): ExplainInput => ({
    step: { ...step([needsUp], model), explain: [{ command: 'veth0-l', say: 'A typo.', line: 1 }] },
    commands,
    checks: [check(needsUp)],
    state: down(),
    before: down(),
    lang: 'en',
    ...(builtin === undefined ? {} : { builtin }),
  });
  const lesson = [
    { text: 'A typo.', source: 'lesson', weight: 100, accounts: 6 },
    { text: 'veth0-1 is in ns0 but `DOWN`.', fix: 'ip netns exec ns0 ip link set up veth0-1', source: 'lesson', weight: 100, accounts: 1 },
  ];

  it("the lesson's first, then the diagnosis, with what each accounts for", () => {
    expect(explainDrafts(base(typo))).toStrictEqual([
      ...lesson,
      {
        text: 'There is no interface called veth0-l in ns0; the closest name is veth0-1, so this is probably a typo.',
        fix: 'ip netns exec ns0 ip link set up veth0-1',
        source: 'builtin',
        weight: 80,
        accounts: 4,
      },
    ]);
    expect(lessonDrafts(base(typo))).toStrictEqual(lesson);
  });

  it("a built-in finding is measured against the lesson's best explanation with the same fix", () => {
    const i = base(typo);
    const sameFix = { ...i, step: { ...i.step, explain: [{ command: 'veth0-l', say: 'A typo.', fix: 'ip netns exec ns0 ip link set up veth0-1', line: 1 }] } };
    // The lesson's entry (6) outweighs the built-in typo finding (4); its check explanation alone (1) would not.
    expect(explainDrafts(sameFix).map((d) => [d.source, d.accounts])).toEqual([
      ['lesson', 6],
      ['lesson', 1],
    ]);
  });

  it('a pack that turned the diagnosis off gets only its own', () => {
    expect(explainDrafts(base(typo, false))).toStrictEqual(lesson);
    expect(explainDrafts(base(typo, true))).toHaveLength(3);
  });

  it("a built-in finding with the lesson's fix that accounts for no more than the lesson is left out", () => {
    const drafts = explainDrafts(base([ran('ip netns exec ns0 ip link show')]));
    expect(drafts.filter((d) => d.fix === 'ip netns exec ns0 ip link set up veth0-1').map((d) => d.source)).toEqual(['lesson']);
  });

  it('rules that read what a command printed account for its failure, even without naming all it quoted', () => {
    const step1 = step([exp.link('veth0-0', 'host', { up: true })], ['ip link set up veth0-0']);
    const commands = [ran('ip link set up veth0-0 foo', 1, 'Error: either "dev" is duplicate, or "foo" is a garbage.\n')];
    const drafts = explainDrafts({ step: step1, commands, checks: [check(step1.expect[0])], state: fixture('state-veth-created'), lang: 'en' });
    // The syntax finding: the failure it reads (3, "dev" unnamed), the segment it quotes (3), the check on veth0-0 (1).
    expect(drafts.map((d) => [d.text.slice(0, 30), d.accounts])).toEqual([
      ['veth0-0 is DOWN in the host na', 1],
      ['ip did not understand "foo" in', 7],
    ]);
  });
});
