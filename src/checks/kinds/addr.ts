/** `addr:` an interface has an IPv4 address with this prefix length (or not). */
import { findLink } from '../../lab/state.js';
import { cidr, flag, iface, inNs } from '../fields.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { kindMessages, missingLink, nsName, tl } from '../labels.js';

export interface AddrExpectation extends ExpectationBase {
  kind: 'addr';
  cidr: string;
  dev: string;
  in: Where;
  exists: boolean;
}

const t = kindMessages({
  en: { addr: '{dev} has {cidr} in {ns}', noAddr: '{dev} does not have {cidr} in {ns}', actualAddrs: '{dev} has {list}' },
  zh: { addr: '{ns} 中的 {dev} 配有地址 {cidr}', noAddr: '{ns} 中的 {dev} 没有地址 {cidr}', actualAddrs: '{dev} 上的地址：{list}' },
});

export const addrKind = defineKind<AddrExpectation>()({
  name: 'addr',
  fields: { addr: cidr, dev: iface, in: inNs, exists: flag(true) },
  build: (v) => ({ cidr: v.addr, dev: v.dev, in: v.in, exists: v.exists }),
  needs: () => ({ sections: ['links'] }),
  evaluate(e, { state }, lang) {
    const l = findLink(state, e.dev, e.in);
    const [ip, len] = e.cidr.split('/');
    const has = !!l?.addrs.some((a) => a.local === ip && a.prefixlen === Number(len));
    if (!l && e.exists) return { passed: false, actual: missingLink(state, lang, e.dev, e.in) };
    const list = l?.addrs.map((a) => `${a.local}/${a.prefixlen}`).join(', ') || tl(lang, 'none');
    return { passed: has === e.exists, actual: t(lang, 'actualAddrs', { dev: e.dev, list }) };
  },
  label: (e, lang) => t(lang, e.exists ? 'addr' : 'noAddr', { dev: e.dev, cidr: e.cidr, ns: nsName(lang, e.in) }),
});
