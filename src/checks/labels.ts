/** Words shared by every check kind: namespace names, packet names, and the message helper each kind's table goes through. */
import { joinList, translator, type Lang, type Messages } from '../i18n/index.js';
import type { LabState } from '../lab/state.js';

/** In Chinese, a namespace name like 主机 filled into a template keeps no spaces around it. */
function tidy(lang: Lang, s: string): string {
  return lang === 'zh' ? s.replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '') : s;
}

/** A translator over one kind's own message table. */
export function kindMessages<K extends string>(table: Messages<K>) {
  const translate = translator(table);
  return (lang: Lang, key: K, vars?: Record<string, string | number>): string => tidy(lang, translate(lang, key, vars));
}

const shared = {
  en: {
    actualMissing: '{name} is not in {ns}',
    actualElsewhere: '{name} is in {where}, not {ns}',
    none: 'none',
    untyped: 'device of no particular type',
    up: 'UP',
    down: 'DOWN',
    host: 'host',
  },
  zh: {
    actualMissing: '{ns} 中没有 {name}',
    actualElsewhere: '{name} 在 {where} 中，而不在 {ns} 中',
    none: '无',
    untyped: '没有特定类型的设备',
    up: 'UP',
    down: 'DOWN',
    host: '主机',
  },
} satisfies Messages<string>;

export const tl = kindMessages<keyof typeof shared.en>(shared);

/** A device's type as `ip -d link` names it, or words for a device of none. */
export function deviceKind(lang: Lang, kind: string): string {
  return kind || tl(lang, 'untyped');
}

const PACKET_NAMES = {
  en: { 'arp-request': 'ARP request', 'arp-reply': 'ARP reply', 'icmp-echo': 'ICMP echo', 'icmp-echo-request': 'ICMP echo request', 'icmp-echo-reply': 'ICMP echo reply' },
  zh: { 'arp-request': 'ARP 请求', 'arp-reply': 'ARP 应答', 'icmp-echo': 'ICMP echo', 'icmp-echo-request': 'ICMP echo 请求', 'icmp-echo-reply': 'ICMP echo 应答' },
} as const;

export function packetNames(lang: Lang, kinds: readonly string[]): string {
  return joinList(lang, kinds.map((k) => PACKET_NAMES[lang][k as keyof (typeof PACKET_NAMES)['en']] ?? k));
}

export function nsName(lang: Lang, ns: string): string {
  return ns === 'host' ? tl(lang, 'host') : ns;
}

/** "veth0 is not in ns0" or, when it is somewhere else, where it is. */
export function missingLink(state: LabState, lang: Lang, name: string, ns: string): string {
  const elsewhere = state.links.filter((l) => l.name === name).map((l) => l.ns);
  return elsewhere.length
    ? tl(lang, 'actualElsewhere', { name, where: elsewhere.map((w) => nsName(lang, w)).join(', '), ns: nsName(lang, ns) })
    : tl(lang, 'actualMissing', { name, ns: nsName(lang, ns) });
}
