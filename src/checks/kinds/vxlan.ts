/** `vxlan:` a VXLAN tunnel end exists with the settings given (id, local, remote, port): a tunnel that only works by learning does not pass. */
import * as z from 'zod/mini';
import { joinList, type Lang } from '../../i18n/index.js';
import { findLink, type VxlanInfo } from '../../lab/state.js';
import { inNs as inNamespace } from '../../lab/in-ns.js';
import { iface, inNs, ipv4 } from '../fields.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { deviceKind, kindMessages, missingLink, nsName, tl } from '../labels.js';

export interface VxlanExpectation extends ExpectationBase {
  kind: 'vxlan';
  name: string;
  in: Where;
  id?: number;
  local?: string;
  remote?: string;
  port?: number;
}

type Setting = 'id' | 'local' | 'remote' | 'port';
const SETTINGS: readonly Setting[] = ['id', 'local', 'remote', 'port'];
/** What `ip link set … type vxlan` can change in place; the others need the device made again. */
const CHANGEABLE: ReadonlySet<Setting> = new Set(['local', 'remote']);

const t = kindMessages({
  en: {
    vxlan: '{name} in {ns} is a VXLAN tunnel end{with}',
    with: ' with {list}',
    notVxlan: '{name} is a {kind}, not a VXLAN tunnel end',
    differs: '{name} has {list}',
    wrong: '{name} in {ns} has {setting} {have}, and this step wants {want}.',
    remoteHint: ' Each end sends to the other end\'s local address: its remote is the other\'s local.',
    remake: ' The {setting} of a VXLAN device cannot change: delete it and make it again.',
  },
  zh: {
    vxlan: '{ns} 中的 {name} 是 VXLAN 隧道端点{with}',
    with: '，{list}',
    notVxlan: '{name} 是 {kind}，不是 VXLAN 隧道端点',
    differs: '{name} 的设置是 {list}',
    wrong: '{ns} 中的 {name} 的 {setting} 是 {have}，而这一步要求 {want}。',
    remoteHint: '每一端都发往另一端的本地地址：它的 remote 就是另一端的 local。',
    remake: 'VXLAN 设备的 {setting} 不能修改：删掉它，重新创建。',
  },
});

const list = (v: Partial<VxlanInfo>, keys: readonly Setting[], lang: Lang) =>
  joinList(lang, keys.map((k) => `${k} ${v[k] ?? tl(lang, 'none')}`));
const asked = (e: VxlanExpectation) => SETTINGS.filter((k) => e[k] !== undefined);
const wrongOnes = (e: VxlanExpectation, have: VxlanInfo) => asked(e).filter((k) => have[k] !== e[k]);

export const vxlanKind = defineKind<VxlanExpectation>()({
  name: 'vxlan',
  fields: {
    vxlan: iface,
    in: inNs,
    id: z.optional(z.int().check(z.gte(0), z.lte(16777215))),
    local: z.optional(ipv4),
    remote: z.optional(ipv4),
    port: z.optional(z.int().check(z.gte(1), z.lte(65535))),
  },
  build: (v) => ({ name: v.vxlan, in: v.in, id: v.id, local: v.local, remote: v.remote, port: v.port }),
  needs: () => ({ sections: ['links'] }),
  evaluate(e, { state }, lang) {
    const l = findLink(state, e.name, e.in);
    if (!l) return { passed: false, actual: missingLink(state, lang, e.name, e.in) };
    if (!l.vxlan) return { passed: false, actual: t(lang, 'notVxlan', { name: e.name, kind: deviceKind(lang, l.kind) }) };
    const keys = asked(e);
    return { passed: wrongOnes(e, l.vxlan).length === 0, actual: t(lang, 'differs', { name: e.name, list: list(l.vxlan, keys.length ? keys : SETTINGS, lang) }) };
  },
  label(e, lang) {
    const keys = asked(e);
    return t(lang, 'vxlan', { name: e.name, ns: nsName(lang, e.in), with: keys.length ? t(lang, 'with', { list: list(e, keys, lang) }) : '' });
  },
  diagnose({ e, state, lang }) {
    const l = findLink(state, e.name, e.in);
    if (!l?.vxlan) return [];
    return wrongOnes(e, l.vxlan).map((k) => {
      const text = t(lang, 'wrong', { name: e.name, ns: nsName(lang, e.in), setting: k, have: String(l.vxlan![k] ?? tl(lang, 'none')), want: String(e[k]) }) + (k === 'remote' ? t(lang, 'remoteHint') : '') + (CHANGEABLE.has(k) ? '' : t(lang, 'remake', { setting: k }));
      return {
        id: `vxlan:${e.in}:${e.name}:${k}`,
        weight: 85,
        text,
        ...(CHANGEABLE.has(k) ? { fix: inNamespace(e.in, `ip link set dev ${e.name} type vxlan ${k} ${e[k]}`) } : {}),
      };
    });
  },
});
