/** `capture:` tcpdump on an interface around the step sees (or does not see) kinds of packets, optionally only those between given addresses. */
import * as z from 'zod/mini';
import { IPV4, iface, inNs, str, text } from '../fields.js';
import { defineKind, type CaptureOutcome, type ExpectationBase, type PacketKind, type Where } from '../kind.js';
import { kindMessages, nsName, packetNames } from '../labels.js';

export interface CaptureExpectation extends ExpectationBase {
  kind: 'capture';
  iface: string;
  in: Where;
  shows: PacketKind[];
  hides: PacketKind[];
  /** A command run while capturing, after the step's commands. */
  during?: string;
  /** Only packets from this sender (IPv4 or MAC) count. */
  src?: string;
  /** Only packets to this target (IPv4 or MAC) count. */
  dst?: string;
}

/** One tcpdump -nn -e line: what it is, and the addresses it names. */
export interface Packet {
  kinds: PacketKind[];
  srcMac?: string;
  dstMac?: string;
  srcIp?: string;
  dstIp?: string;
}

const ETHER = /^([0-9a-f:]{17}) > ([0-9a-f:]{17}),/i;

/** Packet kinds one tcpdump -nn -e line shows. */
export function classifyPacket(line: string): PacketKind[] {
  if (/ARP.*Request who-has/.test(line)) return ['arp-request'];
  if (/ARP.*Reply .* is-at/.test(line)) return ['arp-reply'];
  if (/ICMP echo request/.test(line)) return ['icmp-echo', 'icmp-echo-request'];
  if (/ICMP echo reply/.test(line)) return ['icmp-echo', 'icmp-echo-reply'];
  return [];
}

/** The sender and target of one line; for ARP, the addresses inside the ARP message (a reply's line does not name its target IP). */
export function parsePacket(line: string): Packet {
  const kinds = classifyPacket(line);
  const eth = ETHER.exec(line.trim());
  const p: Packet = { kinds, srcMac: eth?.[1].toLowerCase(), dstMac: eth?.[2].toLowerCase() };
  let m: RegExpExecArray | null;
  if ((m = /Request who-has (\S+)(?: \([0-9a-f:]+\))? tell (\S+?),/i.exec(line))) {
    p.dstIp = m[1];
    p.srcIp = m[2];
  } else if ((m = /Reply (\S+) is-at ([0-9a-f:]{17})/i.exec(line))) {
    p.srcIp = m[1];
    p.srcMac = m[2].toLowerCase();
  } else if ((m = /: (\d+\.\d+\.\d+\.\d+) > (\d+\.\d+\.\d+\.\d+): /.exec(line))) {
    p.srcIp = m[1];
    p.dstIp = m[2];
  }
  return p;
}

const t = kindMessages({
  en: {
    capture: 'tcpdump on {iface} ({ns}){shows}{hides}',
    shows: ' sees {kinds}',
    hides: '{and} does not see {kinds}',
    and: ',',
    from: ' from {src}',
    to: ' to {dst}',
    only: ' (packets{from}{to})',
    actualSaw: 'saw {kinds}',
    actualSawNothing: 'saw nothing of interest',
  },
  zh: {
    capture: '在 {iface}（{ns}）上抓包{shows}{hides}',
    shows: '，能看到 {kinds}',
    hides: '{and}看不到 {kinds}',
    and: ',',
    from: '来自 {src}',
    to: '发往 {dst}',
    only: '（只计{from}{to} 的包）',
    actualSaw: '抓到了 {kinds}',
    actualSawNothing: '没有抓到相关的包',
  },
});

const packet = z.enum(['arp-request', 'arp-reply', 'icmp-echo', 'icmp-echo-request', 'icmp-echo-reply']);
const address = str(new RegExp(`^(${IPV4}|[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5})$`), 'an IPv4 or MAC address, such as 10.0.1.2 or 02:00:00:00:00:01');

function matchesAddress(want: string | undefined, ip: string | undefined, mac: string | undefined): boolean {
  if (want === undefined) return true;
  return want.includes(':') ? mac === want.toLowerCase() : ip === want;
}

/** The kinds seen among the packets that pass the expectation's address filters. */
export function seenKinds(e: CaptureExpectation, c: CaptureOutcome | undefined): Set<PacketKind> {
  if (!c) return new Set();
  if (e.src === undefined && e.dst === undefined) return c.seen;
  const counted = c.lines.map(parsePacket).filter((p) => matchesAddress(e.src, p.srcIp, p.srcMac) && matchesAddress(e.dst, p.dstIp, p.dstMac));
  return new Set(counted.flatMap((p) => p.kinds));
}

export const captureKind = defineKind<CaptureExpectation>()({
  name: 'capture',
  fields: {
    capture: iface,
    in: inNs,
    shows: z._default(z.array(packet), []),
    hides: z._default(z.array(packet), []),
    during: z.optional(text),
    src: z.optional(address),
    dst: z.optional(address),
  },
  validate: (v) => (v.shows.length + v.hides.length === 0 ? '`capture` expectation needs `shows` or `hides`' : undefined),
  build: (v) => ({ iface: v.capture, in: v.in, shows: v.shows, hides: v.hides, during: v.during, src: v.src, dst: v.dst }),
  needs: () => ({ commands: true }),
  evaluate(e, obs, lang) {
    const c = obs.captures.get(e);
    const seen = seenKinds(e, c);
    const ok = !!c && !c.error && e.shows.every((k) => seen.has(k)) && e.hides.every((k) => !seen.has(k));
    const kinds = [...seen].filter((k) => k !== 'icmp-echo');
    const actual = c?.error ?? (kinds.length ? t(lang, 'actualSaw', { kinds: packetNames(lang, kinds) }) : t(lang, 'actualSawNothing'));
    return { passed: ok, actual, captured: c?.lines };
  },
  label(e, lang) {
    const shows = e.shows.length ? t(lang, 'shows', { kinds: packetNames(lang, e.shows) }) : '';
    const hides = e.hides.length ? t(lang, 'hides', { kinds: packetNames(lang, e.hides), and: e.shows.length ? t(lang, 'and') : '' }) : '';
    const base = t(lang, 'capture', { iface: e.iface, ns: nsName(lang, e.in), shows, hides: e.shows.length || lang === 'zh' ? hides : hides.replace(/^,?/, '') });
    if (e.src === undefined && e.dst === undefined) return base;
    const from = e.src === undefined ? '' : t(lang, 'from', { src: e.src });
    const to = e.dst === undefined ? '' : t(lang, 'to', { dst: e.dst });
    return base + t(lang, 'only', { from, to: lang === 'zh' && from && to ? `、${to}` : to });
  },
});
