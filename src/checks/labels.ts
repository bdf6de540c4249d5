/** How each expectation and its outcome read to a learner. */
import { translator, type Messages } from '../i18n/index.js';
import type { Expectation } from '../lesson/types.js';

const table = {
  en: {
    exit0: 'the command succeeds (exit status 0)',
    exitNonzero: 'the command fails (non-zero exit status)',
    exitN: 'the command exits with status {n}',
    output: 'the output shows /{p}/',
    noOutput: 'the output does not show /{p}/',
    netns: 'namespace {name} exists',
    noNetns: 'namespace {name} does not exist',
    link: '{name} exists in {ns}',
    noLink: '{name} does not exist in {ns}',
    linkUp: '{name} is up in {ns}',
    linkDown: '{name} is down in {ns}',
    addr: '{dev} has {cidr} in {ns}',
    noAddr: '{dev} does not have {cidr} in {ns}',
    port: '{name} is a port of {bridge}',
    noPort: '{name} is not a port of {bridge}',
    sameMac: '{a} and {b} have the same MAC address',
    neigh: 'the ARP entry for {addr} on {dev} is resolved',
    noNeigh: 'the ARP entry for {addr} on {dev} is not resolved',
    learned: '{bridge} has learned the MAC of {of} ({ofns})',
    ping: 'ping {target} from {from}{via} gets a reply',
    noPing: 'ping {target} from {from}{via} gets no reply',
    via: ' via {iface}',
    capture: 'tcpdump on {iface} ({ns}){shows}{hides}',
    shows: ' sees {kinds}',
    hides: '{and} does not see {kinds}',
    and: ',',
    failedAsExpected: 'failed as expected',
    actualExit: 'exit status was {n}',
    actualSignal: 'killed by {signal}',
    actualTimeout: 'timed out after {s}s and was killed',
    actualNoCommand: 'no command ran',
    actualNoNetns: 'namespaces present: {list}',
    actualMissing: '{name} is not in {ns}',
    actualElsewhere: '{name} is in {where}, not {ns}',
    actualPresent: 'it is there',
    actualState: '{name} is {state}',
    actualAddrs: '{dev} has {list}',
    actualMaster: '{name} is a port of {master}',
    actualNoMaster: '{name} is not a port of any bridge',
    actualMacs: '{a} is {ma}, {b} is {mb}',
    actualNeigh: 'the entry is {state}',
    actualNoNeighEntry: 'there is no entry',
    actualNotLearned: 'no learned entry for {mac}',
    actualReplied: 'it got a reply',
    actualNoReply: 'no reply',
    actualPingError: 'the ping could not run: {error}',
    actualSaw: 'saw {kinds}',
    actualSawNothing: 'saw nothing of interest',
    none: 'none',
    up: 'UP',
    down: 'DOWN',
    host: 'host',
  },
  zh: {
    exit0: '命令执行成功（退出码 0）',
    exitNonzero: '命令执行失败（退出码非 0）',
    exitN: '命令的退出码为 {n}',
    output: '输出中出现 /{p}/',
    noOutput: '输出中没有 /{p}/',
    netns: '命名空间 {name} 存在',
    noNetns: '命名空间 {name} 不存在',
    link: '{ns} 中有接口 {name}',
    noLink: '{ns} 中没有接口 {name}',
    linkUp: '{ns} 中的 {name} 已启用（UP）',
    linkDown: '{ns} 中的 {name} 处于关闭状态（DOWN）',
    addr: '{ns} 中的 {dev} 配有地址 {cidr}',
    noAddr: '{ns} 中的 {dev} 没有地址 {cidr}',
    port: '{name} 是网桥 {bridge} 的端口',
    noPort: '{name} 不是网桥 {bridge} 的端口',
    sameMac: '{a} 和 {b} 的 MAC 地址相同',
    neigh: '{dev} 上 {addr} 的 ARP 表项已解析',
    noNeigh: '{dev} 上 {addr} 的 ARP 表项未解析',
    learned: '{bridge} 已学到 {of}（{ofns}）的 MAC 地址',
    ping: '从 {from}{via} ping {target} 能收到回复',
    noPing: '从 {from}{via} ping {target} 收不到回复',
    via: ' 经 {iface}',
    capture: '在 {iface}（{ns}）上抓包{shows}{hides}',
    shows: '，能看到 {kinds}',
    hides: '{and}看不到 {kinds}',
    and: ',',
    failedAsExpected: '如预期般失败',
    actualExit: '退出码为 {n}',
    actualSignal: '被信号 {signal} 终止',
    actualTimeout: '运行超过 {s} 秒，已被终止',
    actualNoCommand: '没有执行任何命令',
    actualNoNetns: '现有的命名空间：{list}',
    actualMissing: '{ns} 中没有 {name}',
    actualElsewhere: '{name} 在 {where} 中，而不在 {ns} 中',
    actualPresent: '它已经存在',
    actualState: '{name} 的状态是 {state}',
    actualAddrs: '{dev} 上的地址：{list}',
    actualMaster: '{name} 是 {master} 的端口',
    actualNoMaster: '{name} 不属于任何网桥',
    actualMacs: '{a} 是 {ma},{b} 是 {mb}',
    actualNeigh: '表项状态为 {state}',
    actualNoNeighEntry: '没有这条表项',
    actualNotLearned: '没有学到 {mac} 的表项',
    actualReplied: '收到了回复',
    actualNoReply: '没有回复',
    actualPingError: 'ping 无法执行：{error}',
    actualSaw: '抓到了 {kinds}',
    actualSawNothing: '没有抓到相关的包',
    none: '无',
    up: 'UP',
    down: 'DOWN',
    host: '主机',
  },
} satisfies Messages<string>;

export type LabelKey = keyof typeof table.en;
const translate = translator(table as Messages<LabelKey>);

/** In Chinese, a namespace name like 主机 filled into a template keeps no spaces around it. */
export const tl = (lang: 'en' | 'zh', key: LabelKey, vars?: Record<string, string | number>): string => {
  const s = translate(lang, key, vars);
  return lang === 'zh' ? s.replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '') : s;
};

const PACKET_NAMES = {
  en: { 'arp-request': 'ARP request', 'arp-reply': 'ARP reply', 'icmp-echo': 'ICMP echo', 'icmp-echo-request': 'ICMP echo request', 'icmp-echo-reply': 'ICMP echo reply' },
  zh: { 'arp-request': 'ARP 请求', 'arp-reply': 'ARP 应答', 'icmp-echo': 'ICMP echo', 'icmp-echo-request': 'ICMP echo 请求', 'icmp-echo-reply': 'ICMP echo 应答' },
} as const;

export function packetNames(lang: 'en' | 'zh', kinds: readonly string[]): string {
  return kinds.map((k) => PACKET_NAMES[lang][k as keyof (typeof PACKET_NAMES)['en']] ?? k).join(lang === 'zh' ? '、' : ', ');
}

export function nsName(lang: 'en' | 'zh', ns: string): string {
  return ns === 'host' ? tl(lang, 'host') : ns;
}

/** The sentence that names what an expectation checks. */
export function describe(e: Expectation, lang: 'en' | 'zh'): string {
  const ns = 'in' in e ? nsName(lang, e.in) : '';
  switch (e.kind) {
    case 'exit':
      return e.status === 0 ? tl(lang, 'exit0') : e.status === 'nonzero' ? tl(lang, 'exitNonzero') : tl(lang, 'exitN', { n: e.status });
    case 'output':
      return tl(lang, e.matches ? 'output' : 'noOutput', { p: e.pattern });
    case 'netns':
      return tl(lang, e.exists ? 'netns' : 'noNetns', { name: e.name });
    case 'link':
      if (!e.exists) return tl(lang, 'noLink', { name: e.name, ns });
      if (e.up === undefined) return tl(lang, 'link', { name: e.name, ns });
      return tl(lang, e.up ? 'linkUp' : 'linkDown', { name: e.name, ns });
    case 'addr':
      return tl(lang, e.exists ? 'addr' : 'noAddr', { dev: e.dev, cidr: e.cidr, ns });
    case 'port':
      return tl(lang, e.exists ? 'port' : 'noPort', { name: e.name, bridge: e.bridge });
    case 'same-mac':
      return tl(lang, 'sameMac', { a: e.a, b: e.b });
    case 'neigh':
      return tl(lang, e.resolved ? 'neigh' : 'noNeigh', { addr: e.address, dev: e.dev });
    case 'learned':
      return tl(lang, 'learned', { bridge: e.bridge, of: e.macOf, ofns: nsName(lang, e.macIn) });
    case 'ping':
      return tl(lang, e.succeeds ? 'ping' : 'noPing', { target: e.target, from: nsName(lang, e.from), via: e.iface ? tl(lang, 'via', { iface: e.iface }) : '' });
    case 'capture': {
      const shows = e.shows.length ? tl(lang, 'shows', { kinds: packetNames(lang, e.shows) }) : '';
      const hides = e.hides.length ? tl(lang, 'hides', { kinds: packetNames(lang, e.hides), and: e.shows.length ? tl(lang, 'and') : '' }) : '';
      return tl(lang, 'capture', { iface: e.iface, ns, shows, hides: e.shows.length || lang === 'zh' ? hides : hides.replace(/^,?/, '') });
    }
  }
}
