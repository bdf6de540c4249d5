/** `link:` an interface exists in a namespace (or not), optionally of a device type (`type: bridge`), up or down. */
import * as z from 'zod/mini';
import { findLink } from '../../lab/state.js';
import { flag, iface, inNs, str } from '../fields.js';
import { inNs as inNamespace } from '../../lab/in-ns.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { deviceKind, kindMessages, missingLink, nsName, tl } from '../labels.js';

export interface LinkExpectation extends ExpectationBase {
  kind: 'link';
  name: string;
  in: Where;
  exists: boolean;
  /** The device type, as `ip -d link` names it (bridge, veth, vxlan): a wrong type must not pass. */
  type?: string;
  up?: boolean;
}

/** Types made by `ip link add NAME type TYPE` alone, so a fix can make them again. */
const SIMPLE_TYPES = new Set(['bridge', 'dummy', 'ifb', 'vrf']);

const t = kindMessages({
  en: {
    link: '{name} exists in {ns}',
    noLink: '{name} does not exist in {ns}',
    linkUp: '{name} is up in {ns}',
    linkDown: '{name} is down in {ns}',
    actualPresent: 'it is there',
    actualState: '{name} is {state}',
    linkTyped: '{name} exists in {ns} as a {type}',
    linkTypedUp: '{name} exists in {ns} as a {type}, and is up',
    linkTypedDown: '{name} exists in {ns} as a {type}, and is down',
    actualType: '{name} is a {kind}',
    wrongType: '{name} in {ns} is a {kind}, not a {type}. A device keeps the type it was made with: delete it and make a {type} of that name.',
  },
  zh: {
    link: '{ns} 中有接口 {name}',
    noLink: '{ns} 中没有接口 {name}',
    linkUp: '{ns} 中的 {name} 已启用（UP）',
    linkDown: '{ns} 中的 {name} 处于关闭状态（DOWN）',
    actualPresent: '它已经存在',
    actualState: '{name} 的状态是 {state}',
    linkTyped: '{ns} 中有 {type} 接口 {name}',
    linkTypedUp: '{ns} 中有 {type} 接口 {name}，且已启用（UP）',
    linkTypedDown: '{ns} 中有 {type} 接口 {name}，且处于关闭状态（DOWN）',
    actualType: '{name} 是 {kind}',
    wrongType: '{ns} 中的 {name} 是 {kind}，不是 {type}。设备创建后类型就定了：删掉它，再用这个名字创建一个 {type}。',
  },
});

export const linkKind = defineKind<LinkExpectation>()({
  name: 'link',
  fields: { link: iface, in: inNs, exists: flag(true), type: z.optional(str(/^[a-z][a-z0-9_]{0,15}$/, 'a device type as `ip -d link` shows it, such as bridge, veth or vxlan')), up: z.optional(z.boolean()) },
  validate: (v) => (v.type !== undefined && !v.exists ? '`type` says what an interface must be; it cannot go with `exists: false`' : undefined),
  build: (v) => ({ name: v.link, in: v.in, exists: v.exists, type: v.type, up: v.up }),
  needs: () => ({ sections: ['links'] }),
  evaluate(e, { state }, lang) {
    const l = findLink(state, e.name, e.in);
    if (!e.exists) return { passed: !l, actual: t(lang, 'actualPresent') };
    if (!l) return { passed: false, actual: missingLink(state, lang, e.name, e.in) };
    if (e.type !== undefined && l.kind !== e.type) return { passed: false, actual: t(lang, 'actualType', { name: e.name, kind: deviceKind(lang, l.kind) }) };
    if (e.up === undefined) return { passed: true };
    return { passed: l.up === e.up, actual: t(lang, 'actualState', { name: e.name, state: tl(lang, l.up ? 'up' : 'down') }) };
  },
  label(e, lang) {
    const ns = nsName(lang, e.in);
    if (!e.exists) return t(lang, 'noLink', { name: e.name, ns });
    if (e.type !== undefined) return t(lang, e.up === undefined ? 'linkTyped' : e.up ? 'linkTypedUp' : 'linkTypedDown', { name: e.name, ns, type: e.type });
    if (e.up === undefined) return t(lang, 'link', { name: e.name, ns });
    return t(lang, e.up ? 'linkUp' : 'linkDown', { name: e.name, ns });
  },
  diagnose({ e, state, lang }) {
    if (e.type === undefined) return [];
    const l = findLink(state, e.name, e.in);
    if (!l || l.kind === e.type) return [];
    // Made again as it was (up if it was up), unless the expectation wants another state.
    const remake = [`ip link del ${e.name}`, `ip link add ${e.name} type ${e.type}`, ...((e.up ?? l.up) ? [`ip link set up ${e.name}`] : [])].map((c) => inNamespace(e.in, c)).join(' && ');
    return [
      {
        id: `link-type:${e.in}:${e.name}`,
        weight: 85,
        text: t(lang, 'wrongType', { name: e.name, ns: nsName(lang, e.in), kind: deviceKind(lang, l.kind), type: e.type }),
        ...(SIMPLE_TYPES.has(e.type) ? { fix: remake } : {}),
      },
    ];
  },
});
