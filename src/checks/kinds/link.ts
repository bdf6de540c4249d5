/** `link:` an interface exists in a namespace (or not), optionally up or down. */
import * as z from 'zod/mini';
import { findLink } from '../../lab/state.js';
import { flag, iface, inNs } from '../fields.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { kindMessages, missingLink, nsName, tl } from '../labels.js';

export interface LinkExpectation extends ExpectationBase {
  kind: 'link';
  name: string;
  in: Where;
  exists: boolean;
  up?: boolean;
}

const t = kindMessages({
  en: {
    link: '{name} exists in {ns}',
    noLink: '{name} does not exist in {ns}',
    linkUp: '{name} is up in {ns}',
    linkDown: '{name} is down in {ns}',
    actualPresent: 'it is there',
    actualState: '{name} is {state}',
  },
  zh: {
    link: '{ns} 中有接口 {name}',
    noLink: '{ns} 中没有接口 {name}',
    linkUp: '{ns} 中的 {name} 已启用（UP）',
    linkDown: '{ns} 中的 {name} 处于关闭状态（DOWN）',
    actualPresent: '它已经存在',
    actualState: '{name} 的状态是 {state}',
  },
});

export const linkKind = defineKind<LinkExpectation>()({
  name: 'link',
  fields: { link: iface, in: inNs, exists: flag(true), up: z.optional(z.boolean()) },
  build: (v) => ({ name: v.link, in: v.in, exists: v.exists, up: v.up }),
  needs: () => ({ sections: ['links'] }),
  evaluate(e, { state }, lang) {
    const l = findLink(state, e.name, e.in);
    if (!e.exists) return { passed: !l, actual: t(lang, 'actualPresent') };
    if (!l) return { passed: false, actual: missingLink(state, lang, e.name, e.in) };
    if (e.up === undefined) return { passed: true };
    return { passed: l.up === e.up, actual: t(lang, 'actualState', { name: e.name, state: tl(lang, l.up ? 'up' : 'down') }) };
  },
  label(e, lang) {
    const ns = nsName(lang, e.in);
    if (!e.exists) return t(lang, 'noLink', { name: e.name, ns });
    if (e.up === undefined) return t(lang, 'link', { name: e.name, ns });
    return t(lang, e.up ? 'linkUp' : 'linkDown', { name: e.name, ns });
  },
});
