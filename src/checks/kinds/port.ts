/** `port:` an interface is a port of a bridge (or not). */
import { findLink } from '../../lab/state.js';
import { flag, iface, inNs } from '../fields.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { kindMessages, missingLink } from '../labels.js';

export interface PortExpectation extends ExpectationBase {
  kind: 'port';
  name: string;
  bridge: string;
  in: Where;
  exists: boolean;
}

const t = kindMessages({
  en: { port: '{name} is a port of {bridge}', noPort: '{name} is not a port of {bridge}', actualMaster: '{name} is a port of {master}', actualNoMaster: '{name} is not a port of any bridge' },
  zh: { port: '{name} 是网桥 {bridge} 的端口', noPort: '{name} 不是网桥 {bridge} 的端口', actualMaster: '{name} 是 {master} 的端口', actualNoMaster: '{name} 不属于任何网桥' },
});

export const portKind = defineKind<PortExpectation>()({
  name: 'port',
  fields: { port: iface, bridge: iface, in: inNs, exists: flag(true) },
  build: (v) => ({ name: v.port, bridge: v.bridge, in: v.in, exists: v.exists }),
  needs: () => ({ sections: ['links'] }),
  evaluate(e, { state }, lang) {
    const l = findLink(state, e.name, e.in);
    if (!l) return { passed: !e.exists, actual: missingLink(state, lang, e.name, e.in) };
    const is = l.master === e.bridge;
    return { passed: is === e.exists, actual: l.master ? t(lang, 'actualMaster', { name: e.name, master: l.master }) : t(lang, 'actualNoMaster', { name: e.name }) };
  },
  label: (e, lang) => t(lang, e.exists ? 'port' : 'noPort', { name: e.name, bridge: e.bridge }),
});
