/** `same-mac:` two interfaces of one namespace have the same MAC address. */
import * as z from 'zod/mini';
import { findLink } from '../../lab/state.js';
import { iface, inNs } from '../fields.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { kindMessages, missingLink } from '../labels.js';

export interface SameMacExpectation extends ExpectationBase {
  kind: 'same-mac';
  a: string;
  b: string;
  in: Where;
}

const t = kindMessages({
  en: { sameMac: '{a} and {b} have the same MAC address', actualMacs: '{a} is {ma}, {b} is {mb}' },
  zh: { sameMac: '{a} 和 {b} 的 MAC 地址相同', actualMacs: '{a} 是 {ma},{b} 是 {mb}' },
});

export const sameMacKind = defineKind<SameMacExpectation>()({
  name: 'same-mac',
  fields: { 'same-mac': z.tuple([iface, iface]), in: inNs },
  build: (v) => ({ a: v['same-mac'][0], b: v['same-mac'][1], in: v.in }),
  needs: () => ({ sections: ['links'] }),
  evaluate(e, { state }, lang) {
    const a = findLink(state, e.a, e.in);
    const b = findLink(state, e.b, e.in);
    if (!a) return { passed: false, actual: missingLink(state, lang, e.a, e.in) };
    if (!b) return { passed: false, actual: missingLink(state, lang, e.b, e.in) };
    return { passed: a.mac === b.mac, actual: t(lang, 'actualMacs', { a: e.a, ma: a.mac, b: e.b, mb: b.mac }) };
  },
  label: (e, lang) => t(lang, 'sameMac', { a: e.a, b: e.b }),
});
