/** `neigh:` the ARP entry for an address on a device: resolved or not, or in given states, optionally for a given MAC. */
import * as z from 'zod/mini';
import { findLink } from '../../lab/state.js';
import { iface, inNs, ipv4, mac, where } from '../fields.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { kindMessages, missingLink, nsName } from '../labels.js';

export const NEIGH_STATES = ['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'INCOMPLETE', 'PERMANENT', 'NOARP', 'NONE'] as const;
export type NeighState = (typeof NEIGH_STATES)[number];
/** States in which the entry holds a usable link-layer address. */
const RESOLVED: readonly string[] = ['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT', 'NOARP'];

export interface NeighExpectation extends ExpectationBase {
  kind: 'neigh';
  address: string;
  dev: string;
  in: Where;
  resolved: boolean;
  /** The entry must be in one of these states (replaces `resolved`). */
  states?: NeighState[];
  /** The entry must point to this MAC… */
  mac?: string;
  /** …or to the MAC of this interface, in `macIn`. */
  macOf?: string;
  macIn?: Where;
}

const t = kindMessages({
  en: {
    neigh: 'the ARP entry for {addr} on {dev} is resolved',
    noNeigh: 'the ARP entry for {addr} on {dev} is not resolved',
    neighStates: 'the ARP entry for {addr} on {dev} is {states}',
    or: ' or ',
    toMac: ' and points to {mac}',
    toMacOf: ' and points to the MAC of {of} ({ofns})',
    actualNeigh: 'the entry is {state}',
    actualNeighMac: 'the entry is {state}, for {mac}',
    actualNoNeighEntry: 'there is no entry',
  },
  zh: {
    neigh: '{dev} 上 {addr} 的 ARP 表项已解析',
    noNeigh: '{dev} 上 {addr} 的 ARP 表项未解析',
    neighStates: '{dev} 上 {addr} 的 ARP 表项处于 {states} 状态',
    or: ' 或 ',
    toMac: '，指向 {mac}',
    toMacOf: '，指向 {of}（{ofns}）的 MAC 地址',
    actualNeigh: '表项状态为 {state}',
    actualNeighMac: '表项状态为 {state}，MAC 为 {mac}',
    actualNoNeighEntry: '没有这条表项',
  },
});

const stateName = z.enum(NEIGH_STATES);

export const neighKind = defineKind<NeighExpectation>()({
  name: 'neigh',
  fields: {
    neigh: ipv4,
    dev: iface,
    in: inNs,
    resolved: z.optional(z.boolean()),
    state: z.optional(z.union([stateName, z.array(stateName).check(z.minLength(1))])),
    mac: z.optional(mac),
    'mac-of': z.optional(iface),
    'mac-in': z.optional(where),
  },
  validate(v) {
    if (v.state !== undefined && v.resolved !== undefined) return '`neigh` expectation: use `state` or `resolved`, not both';
    if (v.mac !== undefined && v['mac-of'] !== undefined) return '`neigh` expectation: use `mac` or `mac-of`, not both';
    if (v['mac-in'] !== undefined && v['mac-of'] === undefined) return '`neigh` expectation: `mac-in` needs `mac-of`';
    if ((v.mac !== undefined || v['mac-of'] !== undefined) && v.resolved === false) return '`neigh` expectation: an entry that is not resolved has no MAC to compare; drop `mac`/`mac-of` or `resolved: false`';
    return undefined;
  },
  build: (v) => ({
    address: v.neigh,
    dev: v.dev,
    in: v.in,
    resolved: v.resolved ?? true,
    states: v.state === undefined ? undefined : typeof v.state === 'string' ? [v.state] : v.state,
    mac: v.mac?.toLowerCase(),
    macOf: v['mac-of'],
    macIn: v['mac-of'] === undefined ? undefined : (v['mac-in'] ?? 'host'),
  }),
  needs: (e) => ({ sections: e.macOf ? ['neigh', 'links'] : ['neigh'] }),
  evaluate(e, { state }, lang) {
    const n = state.neigh.find((x) => x.ns === e.in && x.dst === e.address && x.dev === e.dev);
    if (!n) return { passed: !e.states && !e.resolved, actual: t(lang, 'actualNoNeighEntry') };
    const now = n.state.join(' ') || '?';
    const stateOk = e.states ? n.state.some((s) => (e.states as string[]).includes(s)) : (!!n.lladdr && n.state.some((s) => RESOLVED.includes(s))) === e.resolved;
    let want = e.mac;
    if (e.macOf) {
      const target = findLink(state, e.macOf, e.macIn);
      if (!target) return { passed: false, actual: missingLink(state, lang, e.macOf, e.macIn ?? 'host') };
      want = target.mac.toLowerCase();
    }
    if (want === undefined) return { passed: stateOk, actual: t(lang, 'actualNeigh', { state: now }) };
    const macOk = n.lladdr?.toLowerCase() === want;
    return { passed: stateOk && macOk, actual: t(lang, 'actualNeighMac', { state: now, mac: n.lladdr ?? '?' }) };
  },
  label(e, lang) {
    const vars = { addr: e.address, dev: e.dev };
    const head = e.states ? t(lang, 'neighStates', { ...vars, states: e.states.join(t(lang, 'or')) }) : t(lang, e.resolved ? 'neigh' : 'noNeigh', vars);
    if (e.mac) return head + t(lang, 'toMac', { mac: e.mac });
    if (e.macOf) return head + t(lang, 'toMacOf', { of: e.macOf, ofns: nsName(lang, e.macIn ?? 'host') });
    return head;
  },
});
