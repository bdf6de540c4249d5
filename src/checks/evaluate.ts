/** Judges one expectation against what was observed. Pure: every input is recorded data. */
import type { Lang } from '../i18n/index.js';
import type { CommandResult } from '../lab/sandbox.js';
import { findLink, type LabState } from '../lab/state.js';
import type { Expectation, PacketKind } from '../lesson/types.js';
import { packRegex } from '../lesson/pack-regex.js';
import type { CheckResult } from '../engine/types.js';
import { describe, nsName, packetNames, tl } from './labels.js';

export interface PingOutcome {
  replied: boolean;
  output: string;
  /** The ping could not be sent at all: why. */
  error?: string;
}

export interface CaptureOutcome {
  /** The packet lines tcpdump printed. */
  lines: string[];
  seen: Set<PacketKind>;
  /** tcpdump itself failed (no such device, …). */
  error?: string;
}

export interface Observations {
  state: LabState;
  commands: CommandResult[];
  pings: Map<Expectation, PingOutcome>;
  captures: Map<Expectation, CaptureOutcome>;
}

const RESOLVED = ['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT', 'NOARP'];

/** Packet kinds one tcpdump -nn -e line shows. */
export function classifyPacket(line: string): PacketKind[] {
  if (/ARP.*Request who-has/.test(line)) return ['arp-request'];
  if (/ARP.*Reply .* is-at/.test(line)) return ['arp-reply'];
  if (/ICMP echo request/.test(line)) return ['icmp-echo', 'icmp-echo-request'];
  if (/ICMP echo reply/.test(line)) return ['icmp-echo', 'icmp-echo-reply'];
  return [];
}

function whereIs(state: LabState, name: string): string[] {
  return state.links.filter((l) => l.name === name).map((l) => l.ns);
}

export function evaluate(e: Expectation, obs: Observations, lang: Lang): CheckResult {
  const label = describe(e, lang);
  const result = (passed: boolean, actual?: string, expectedFailure = false, captured?: string[]): CheckResult => ({
    expectation: e,
    passed,
    expectedFailure: passed && expectedFailure,
    label,
    actual: passed ? undefined : actual,
    captured,
  });
  const { state } = obs;
  const ns = 'in' in e ? e.in : 'host';
  const missing = (name: string) => {
    const elsewhere = whereIs(state, name);
    return elsewhere.length
      ? tl(lang, 'actualElsewhere', { name, where: elsewhere.map((w) => nsName(lang, w)).join(', '), ns: nsName(lang, ns) })
      : tl(lang, 'actualMissing', { name, ns: nsName(lang, ns) });
  };

  switch (e.kind) {
    case 'exit': {
      const last = obs.commands[obs.commands.length - 1];
      if (!last) return result(false, tl(lang, 'actualNoCommand'));
      const actual = last.timedOut
        ? tl(lang, 'actualTimeout', { s: Math.round(last.durationMs / 1000) })
        : last.code === null
          ? tl(lang, 'actualSignal', { signal: last.signal ?? '?' })
          : tl(lang, 'actualExit', { n: last.code });
      const ok = e.status === 'nonzero' ? last.code !== null && last.code !== 0 : last.code === e.status;
      return result(ok, actual, e.status !== 0);
    }
    case 'output': {
      const text = obs.commands.map((c) => c.output).join('');
      const found = packRegex(e.pattern, 'm').test(text);
      return result(found === e.matches, undefined);
    }
    case 'netns': {
      const has = state.namespaces.includes(e.name);
      return result(has === e.exists, tl(lang, 'actualNoNetns', { list: state.namespaces.join(', ') || tl(lang, 'none') }));
    }
    case 'link': {
      const l = findLink(state, e.name, e.in);
      if (!e.exists) return result(!l, tl(lang, 'actualPresent'));
      if (!l) return result(false, missing(e.name));
      if (e.up === undefined) return result(true);
      return result(l.up === e.up, tl(lang, 'actualState', { name: e.name, state: tl(lang, l.up ? 'up' : 'down') }));
    }
    case 'addr': {
      const l = findLink(state, e.dev, e.in);
      const [ip, len] = e.cidr.split('/');
      const has = !!l?.addrs.some((a) => a.local === ip && a.prefixlen === Number(len));
      if (!l && e.exists) return result(false, missing(e.dev));
      const list = l?.addrs.map((a) => `${a.local}/${a.prefixlen}`).join(', ') || tl(lang, 'none');
      return result(has === e.exists, tl(lang, 'actualAddrs', { dev: e.dev, list }));
    }
    case 'port': {
      const l = findLink(state, e.name, e.in);
      if (!l) return result(!e.exists, missing(e.name));
      const is = l.master === e.bridge;
      return result(is === e.exists, l.master ? tl(lang, 'actualMaster', { name: e.name, master: l.master }) : tl(lang, 'actualNoMaster', { name: e.name }));
    }
    case 'same-mac': {
      const a = findLink(state, e.a, e.in);
      const b = findLink(state, e.b, e.in);
      if (!a) return result(false, missing(e.a));
      if (!b) return result(false, missing(e.b));
      return result(a.mac === b.mac, tl(lang, 'actualMacs', { a: e.a, ma: a.mac, b: e.b, mb: b.mac }));
    }
    case 'neigh': {
      const n = state.neigh.find((x) => x.ns === e.in && x.dst === e.address && x.dev === e.dev);
      const resolved = !!n && !!n.lladdr && n.state.some((s) => RESOLVED.includes(s));
      const actual = n ? tl(lang, 'actualNeigh', { state: n.state.join(' ') || '?' }) : tl(lang, 'actualNoNeighEntry');
      return result(resolved === e.resolved, actual);
    }
    case 'learned': {
      const target = findLink(state, e.macOf, e.macIn);
      if (!target) return result(false, missing(e.macOf));
      const hit = state.fdb.some((f) => f.ns === e.in && f.master === e.bridge && !f.permanent && !f.self && f.mac === target.mac);
      return result(hit, tl(lang, 'actualNotLearned', { mac: target.mac }));
    }
    case 'ping': {
      const p = obs.pings.get(e);
      if (!p || p.error) return result(false, tl(lang, 'actualPingError', { error: p?.error ?? '?' }));
      return result(p.replied === e.succeeds, tl(lang, p.replied ? 'actualReplied' : 'actualNoReply'), !e.succeeds);
    }
    case 'capture': {
      const c = obs.captures.get(e);
      const seen = c?.seen ?? new Set<PacketKind>();
      const ok = !c?.error && e.shows.every((k) => seen.has(k)) && e.hides.every((k) => !seen.has(k));
      const kinds = [...seen].filter((k) => k !== 'icmp-echo');
      const actual = c?.error ?? (kinds.length ? tl(lang, 'actualSaw', { kinds: packetNames(lang, kinds) }) : tl(lang, 'actualSawNothing'));
      return result(ok, actual, false, c?.lines);
    }
  }
}
