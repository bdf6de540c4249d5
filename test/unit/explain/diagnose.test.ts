import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagnose, RULE_FAMILIES, RULES } from '../../../src/explain/diagnose.js';
import { MESSAGE_KEYS, MESSAGES } from '../../../src/explain/messages.js';
import { splitCommandLine, shellWords } from '../../../src/explain/rules/context.js';
import { check, diagnoseCase, exp, fixture, PING_LOSS, ran, step } from './helpers.js';

describe('diagnose', () => {
  it('returns [] when nothing applies', () => {
    expect(diagnose({ step: step([exp.link('veth0-0')]), commands: [ran('ip link add veth0-0 type veth peer name veth0-1')], checks: [check(exp.link('veth0-0'), true)], state: fixture('state-veth-created'), lang: 'en' })).toEqual([]);
    expect(diagnose({ step: step([]), commands: [], checks: [], state: fixture('state-empty'), lang: 'zh' })).toEqual([]);
  });

  it('puts the most specific explanation first and never repeats one', () => {
    const out = diagnose({
      step: step([exp.ping('192.168.100.2'), exp.neigh('192.168.100.2', 'veth0-0'), exp.addr('192.168.100.1/24', 'br0')]),
      commands: [ran('ping -c 1 -W 0.5 192.168.100.2', 1, '', PING_LOSS)],
      checks: [check(exp.ping('192.168.100.2')), check(exp.neigh('192.168.100.2', 'veth0-0')), check(exp.addr('192.168.100.1/24', 'br0'))],
      state: fixture('state-bridge-broken'),
      lang: 'en',
    });
    expect(out[0]).toMatch(/delivered to br0, not to veth0-0/);
    expect(new Set(out).size).toBe(out.length);
    expect(out.some((s) => s.includes('192.168.100.1/24 is on veth0-0, a port of br0'))).toBe(true);
  });

  it('a learner command mixing errors and a failed check explains both, command first', () => {
    const fs = diagnoseCase({ state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'ns0', { up: true })], commands: [ran('ip link set up veth0-1', 1, 'Cannot find device "veth0-1"\n')] });
    expect(fs.map((f) => f.rule)).toEqual(['deviceNotFound', 'linkDown']);
  });

  it('never throws on any recorded state, whatever failed', () => {
    const dir = fileURLToPath(new URL('../../fixtures/', import.meta.url));
    const names = readdirSync(dir).filter((f) => /^(state|diag)-.*\.json$/.test(f)).map((f) => f.replace(/\.json$/, ''));
    const all = [
      exp.link('veth0-1', 'ns0', { up: true }),
      exp.link('veth0-0', 'host', { exists: false }),
      exp.link('lo', 'ns0', { up: false }),
      exp.addr('192.168.100.2/24', 'veth0-1', 'ns0'),
      exp.addr('192.168.100.1/24', 'veth0-0', 'host', false),
      exp.port('veth0-0', 'br0'),
      exp.port('veth0-0', 'br0', 'host', false),
      exp.sameMac('br0', 'veth0-0'),
      exp.neigh('192.168.100.2', 'veth0-0'),
      exp.neigh('192.168.100.2', 'veth0-0', 'host', false),
      exp.learned('br0', 'veth0-1', 'ns0'),
      exp.ping('192.168.100.2'),
      exp.ping('192.168.100.1', 'ns0'),
      exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' }),
      exp.ping('192.168.100.2', 'host', { succeeds: false }),
      exp.netns('ns0'),
      exp.exit(1),
      exp.output('64 bytes'),
    ];
    for (const name of names)
      for (const lang of ['en', 'zh'] as const) {
        // strict: a rule that throws fails the test instead of being skipped.
        const out = diagnoseCase({ state: fixture(name), failed: all, lang, commands: [ran('ip link set up veth0-1; ping -c 1 192.168.100.2', 1, 'Cannot find device "veth0-1"\n', PING_LOSS)] });
        // Everything failed and the command named a missing device: there is always something to say, said once.
        expect(out.length, `${name} ${lang}`).toBeGreaterThan(0);
        expect(new Set(out.map((f) => f.text)).size, `${name} ${lang}`).toBe(out.length);
        for (const f of out) expect(f.text, `${name} ${lang} ${f.rule}`).not.toMatch(/undefined|NaN|\[object Object\]/);
      }
  });

  it('has unique rule names across families', () => {
    const count = Object.values(RULE_FAMILIES).reduce((n, f) => n + Object.keys(f).length, 0);
    expect(Object.keys(RULES)).toHaveLength(count);
  });
});

describe('messages', () => {
  it('has every message in both languages with the same placeholders', () => {
    const vars = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    for (const k of MESSAGE_KEYS) {
      expect(MESSAGES.zh[k], k).toBeTruthy();
      expect(vars(MESSAGES.zh[k]), k).toEqual(vars(MESSAGES.en[k]));
      expect(MESSAGES.zh[k], k).toMatch(/[\u4e00-\u9fff]/);
      expect((MESSAGES.en[k].match(/`/g) ?? []).length % 2, k).toBe(0);
      expect((MESSAGES.zh[k].match(/`/g) ?? []).length % 2, k).toBe(0);
    }
  });
});

describe('command line splitting', () => {
  it('splits at ; && || | and keeps quotes', () => {
    expect(splitCommandLine("ip link set veth0-1 netns ns0 && ip netns exec ns0 sh -c 'ip link set up lo; ip a' | cat")).toEqual(['ip link set veth0-1 netns ns0', "ip netns exec ns0 sh -c 'ip link set up lo; ip a'", 'cat']);
    expect(shellWords(`ip addr add "192.168.100.1/24" dev veth0-0`)).toEqual(['ip', 'addr', 'add', '192.168.100.1/24', 'dev', 'veth0-0']);
  });
});
