/** `learned:` a bridge has learned an interface's MAC address (optionally on a given port). */
import * as z from 'zod/mini';
import { findLink } from '../../lab/state.js';
import { iface, inNs } from '../fields.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { kindMessages, missingLink, nsName } from '../labels.js';

export interface LearnedExpectation extends ExpectationBase {
  kind: 'learned';
  bridge: string;
  in: Where;
  macOf: string;
  macIn: Where;
  /** The bridge port the entry must point to. */
  port?: string;
}

const t = kindMessages({
  en: {
    learned: '{bridge} has learned the MAC of {of} ({ofns})',
    onPort: ' on port {port}',
    actualNotLearned: 'no learned entry for {mac}',
    actualOtherPort: '{bridge} learned {mac} on {ports}',
  },
  zh: {
    learned: '{bridge} 已学到 {of}（{ofns}）的 MAC 地址',
    onPort: '，学习端口为 {port}',
    actualNotLearned: '没有学到 {mac} 的表项',
    actualOtherPort: '{bridge} 在 {ports} 上学到了 {mac}',
  },
});

export const learnedKind = defineKind<LearnedExpectation>()({
  name: 'learned',
  fields: { learned: iface, in: inNs, 'mac-of': iface, 'mac-in': inNs, port: z.optional(iface) },
  build: (v) => ({ bridge: v.learned, in: v.in, macOf: v['mac-of'], macIn: v['mac-in'], port: v.port }),
  needs: () => ({ sections: ['links', 'fdb'] }),
  evaluate(e, { state }, lang) {
    const target = findLink(state, e.macOf, e.macIn);
    if (!target) return { passed: false, actual: missingLink(state, lang, e.macOf, e.macIn) };
    const hits = state.fdb.filter((f) => f.ns === e.in && f.master === e.bridge && !f.permanent && !f.self && f.mac === target.mac);
    if (!hits.length) return { passed: false, actual: t(lang, 'actualNotLearned', { mac: target.mac }) };
    if (e.port === undefined || hits.some((f) => f.dev === e.port)) return { passed: true };
    return { passed: false, actual: t(lang, 'actualOtherPort', { bridge: e.bridge, mac: target.mac, ports: hits.map((f) => f.dev).join(', ') }) };
  },
  label: (e, lang) => t(lang, 'learned', { bridge: e.bridge, of: e.macOf, ofns: nsName(lang, e.macIn) }) + (e.port ? t(lang, 'onPort', { port: e.port }) : ''),
});
