/** `ping:` a probe ping from a namespace gets a reply (or must not). The engine sends it after the step. */
import * as z from 'zod/mini';
import { flag, iface, inNs, ipv4 } from '../fields.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { kindMessages, nsName } from '../labels.js';

export interface PingExpectation extends ExpectationBase {
  kind: 'ping';
  target: string;
  from: Where;
  iface?: string;
  succeeds: boolean;
  /** Seconds to wait for the reply: 2 when it must succeed, 0.5 when it must not. */
  timeout?: number;
}

const t = kindMessages({
  en: {
    ping: 'ping {target} from {from}{via} gets a reply',
    noPing: 'ping {target} from {from}{via} gets no reply',
    via: ' via {iface}',
    actualReplied: 'it got a reply',
    actualNoReply: 'no reply',
    actualPingError: 'the ping could not run: {error}',
  },
  zh: {
    ping: '从 {from}{via} ping {target} 能收到回复',
    noPing: '从 {from}{via} ping {target} 收不到回复',
    via: ' 经 {iface}',
    actualReplied: '收到了回复',
    actualNoReply: '没有回复',
    actualPingError: 'ping 无法执行：{error}',
  },
});

export const pingKind = defineKind<PingExpectation>()({
  name: 'ping',
  fields: { ping: ipv4, from: inNs, iface: z.optional(iface), succeeds: flag(true), timeout: z.optional(z.number().check(z.gt(0), z.lte(10))) },
  build: (v) => ({ target: v.ping, from: v.from, iface: v.iface, succeeds: v.succeeds, timeout: v.timeout }),
  evaluate(e, obs, lang) {
    const p = obs.pings.get(e);
    if (!p || p.error) return { passed: false, actual: t(lang, 'actualPingError', { error: p?.error ?? '?' }) };
    return { passed: p.replied === e.succeeds, actual: t(lang, p.replied ? 'actualReplied' : 'actualNoReply'), expectedFailure: !e.succeeds };
  },
  label: (e, lang) => t(lang, e.succeeds ? 'ping' : 'noPing', { target: e.target, from: nsName(lang, e.from), via: e.iface ? t(lang, 'via', { iface: e.iface }) : '' }),
});
