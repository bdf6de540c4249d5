/**
 * Rules for commands the tools could not parse: unknown words, missing or
 * misplaced arguments, values the kernel rejects, arguments in the wrong order.
 */
import {
  closest,
  corrected,
  inNs,
  ipObject,
  linksIn,
  linksNamed,
  parseIp,
  segmentToString,
  segmentsOf,
  seq,
  shellQuote,
  type Ctx,
  type Finding,
  type Rule,
  type Segment,
} from './context.js';

function errorsOf(ctx: Ctx, pattern: RegExp): { index: number; m: RegExpExecArray }[] {
  const out: { index: number; m: RegExpExecArray }[] = [];
  for (const { index, line } of ctx.errorLines()) {
    const m = pattern.exec(line);
    if (m) out.push({ index, m });
  }
  return out;
}

function segsOf(ctx: Ctx, index: number): Segment[] {
  return ctx.segments.filter((s) => s.index === index);
}


/** The step's own command doing the same thing (same program, object and verb), as a model answer. */
function modelAnswer(ctx: Ctx, seg: Segment): string | undefined {
  const ip = parseIp(seg.argv);
  const ref = ctx.reference.find((r) => {
    if (r.argv[0] !== seg.argv[0]) return false;
    if (!ip) return r.argv[1] === seg.argv[1];
    const rip = parseIp(r.argv);
    return rip?.object === ip.object && rip.verb === ip.verb;
  });
  return ref ? segmentToString(ref) : undefined;
}

const IP_OBJECT_CHOICES = ['link', 'addr', 'address', 'route', 'neigh', 'netns'];
const IP_VERBS: Record<string, string[]> = {
  link: ['add', 'set', 'delete', 'show'],
  address: ['add', 'del', 'show', 'flush', 'replace'],
  route: ['add', 'del', 'get', 'show', 'flush', 'replace'],
  neigh: ['add', 'del', 'show', 'flush', 'replace', 'change'],
  netns: ['add', 'delete', 'exec', 'list', 'set', 'identify', 'pids'],
};
const BRCTL_COMMANDS = ['addbr', 'delbr', 'addif', 'delif', 'show', 'showmacs', 'showstp', 'stp', 'setageing', 'hairpin'];

/** Object "adr" is unknown / Command "sett" is unknown / brctl: never heard of command [x]. */
export const unknownSubcommand: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index, m } of errorsOf(ctx, /Object "([^"]+)" is unknown, try "ip help"/)) {
    const word = m[1];
    const seg = segsOf(ctx, index).find((s) => s.argv.includes(word));
    const near = closest(word, IP_OBJECT_CHOICES);
    const id = `syntax:${index}:${word}`;
    if (near && seg) out.push({ id, weight: 75, text: ctx.t('ipUnknownObjectNear', { word, near, fix: corrected(ctx, seg, word, near) }) });
    else out.push({ id, weight: 50, text: ctx.t('ipUnknownObject', { word }) });
  }
  for (const { index, m } of errorsOf(ctx, /Command "([^"]+)" is unknown, try "ip (\w+) help"/)) {
    const [, word, object] = m;
    const seg = segsOf(ctx, index).find((s) => s.argv.includes(word));
    const verbs = IP_VERBS[ipObject(object) === 'neighbor' ? 'neigh' : (ipObject(object) ?? object)] ?? [];
    const near = closest(word, verbs) ?? verbs.find((v) => v.startsWith(word.slice(0, 2)) && word.length <= v.length + 2);
    const id = `syntax:${index}:${word}`;
    if (near && seg) out.push({ id, weight: 75, text: ctx.t('ipUnknownCommandNear', { word, object, near, verbs: verbs.join(', '), fix: corrected(ctx, seg, word, near) }) });
    else out.push({ id, weight: 50, text: ctx.t('ipUnknownCommand', { word, object, verbs: verbs.join(', ') }) });
  }
  for (const { index, m } of errorsOf(ctx, /Option "(-[^"]+)" is unknown|^(\w+): invalid option -- '(.)'/)) {
    const option = m[1] ?? `-${m[3]}`;
    const prog = m[1] ? 'ip' : m[2];
    const seg = segsOf(ctx, index).find((s) => s.argv[0] === prog);
    const model = seg ? modelAnswer(ctx, seg) : undefined;
    const key = prog === 'ip' ? 'ipUnknownOption' : 'unknownOption';
    out.push({ id: `syntax:${index}:${option}`, weight: 60, text: ctx.t(key, { prog, option, fix: model ?? `${prog} ${prog === 'ip' ? '-help' : '--help'}` }) });
  }
  for (const { index, m } of errorsOf(ctx, /never heard of command \[([^\]]+)\]/)) {
    const word = m[1];
    const seg = segsOf(ctx, index).find((s) => s.argv[0] === 'brctl');
    const near = closest(word, BRCTL_COMMANDS);
    const id = `syntax:${index}:${word}`;
    if (near && seg) out.push({ id, weight: 75, text: ctx.t('brctlUnknownNear', { word, near, fix: corrected(ctx, seg, word, near) }) });
    else out.push({ id, weight: 50, text: ctx.t('brctlUnknown', { word }) });
  }
  return out;
};

const LINK_KEYWORDS = ['up', 'down', 'master', 'nomaster', 'netns', 'name', 'address', 'mtu', 'type', 'peer', 'dev'];
const ADDR_KEYWORDS = ['dev', 'label', 'scope', 'broadcast', 'peer'];

/** Error: either "local" is duplicate, or "X" is a garbage. */
export const garbageArgument: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index, m } of errorsOf(ctx, /either "([^"]+)" is duplicate, or "([^"]+)" is a garbage/)) {
    const [, key, garbage] = m;
    const seg = segsOf(ctx, index).find((s) => s.argv.includes(garbage));
    if (!seg) continue;
    const ip = parseIp(seg.argv);
    const id = `syntax:${index}:${garbage}`;
    const isIface = linksNamed(ctx.state, garbage).length > 0;
    // A misspelt keyword earlier in the line makes ip read the following word as a second value.
    const keywords = ip?.object === 'address' ? ADDR_KEYWORDS : LINK_KEYWORDS;
    const typo = seg.argv.slice(3).find((w) => w.length >= 3 && !keywords.includes(w) && closest(w, keywords) !== undefined && !linksNamed(ctx.state, w).length);
    if (typo) {
      const near = closest(typo, keywords)!;
      out.push({ id, weight: 80, text: ctx.t('keywordTypo', { word: typo, near, fix: corrected(ctx, seg, typo, near) }) });
    } else if (ip?.object === 'address' && key === 'local' && isIface) {
      const addr = ip.positional[0];
      out.push({ id, weight: 85, text: ctx.t('addrNeedsDev', { dev: garbage, fix: inNs(seg.ns, `ip addr ${ip.verb === 'delete' ? 'del' : ip.verb} ${addr} dev ${garbage}`) }) });
    } else if (ip?.object === 'link' && ip.verb === 'set' && garbage === 'peer') {
      out.push({ id, weight: 80, text: ctx.t('peerOnlyAtCreation', { fix: inNs(seg.ns, `ip link add ${ip.dev ?? 'veth0-0'} type veth peer name ${ip.positional[1] ?? 'veth0-1'}`) }) });
    } else if (ip?.object === 'link' && ip.verb === 'set' && isIface && ip.dev) {
      const flags = [...ip.flags].join(' ');
      out.push({ id, weight: 80, text: ctx.t('linkSetOneDevice', { a: ip.dev, b: garbage, fix: seq(inNs(seg.ns, `ip link set ${ip.dev} ${flags}`.trim()), inNs(seg.ns, `ip link set ${garbage} ${flags}`.trim())) }) });
    } else {
      const model = modelAnswer(ctx, seg);
      out.push({ id, weight: 50, text: model ? ctx.t('garbageModel', { word: garbage, cmd: seg.text, fix: model }) : ctx.t('garbage', { word: garbage, cmd: seg.text, fix: `${seg.argv.slice(0, 2).join(' ')} help` }) });
    }
  }
  return out;
};

const LINK_TYPES = ['veth', 'bridge', 'dummy', 'vlan', 'macvlan', 'vxlan', 'bond'];
/** Device types ip can ask the kernel for: "Unknown device type" for one of these means its driver is missing, not a typo. */
const KERNEL_LINK_TYPES = new Set([...LINK_TYPES, 'macvtap', 'ipvlan', 'ipvtap', 'team', 'gre', 'gretap', 'ip6gre', 'ip6gretap', 'ipip', 'ip6tnl', 'sit', 'vti', 'vti6', 'geneve', 'bareudp', 'vrf', 'wireguard', 'netkit', 'ifb', 'nlmon', 'vcan', 'vxcan', 'xfrm', 'erspan', 'ip6erspan', 'gtp', 'amt', 'hsr', 'macsec', 'batadv', 'rmnet', 'virt_wifi', 'can', 'dsa', 'lowpan']);

/** Command line is not complete / "dev" argument is required / Garbage instead of arguments / brctl argument count. */
export const incompleteCommand: Rule = (ctx) => {
  const out: Finding[] = [];
  const patterns = /Command line is not complete|Not enough information: "dev" argument is required|No netns name specified|No command specified|Incorrect number of arguments for command|Garbage instead of arguments "([^"]*)"|Error: Unknown device type|Destination address required/;
  for (const { index, m } of errorsOf(ctx, patterns)) {
    const seg = segsOf(ctx, index).find((s) => ['ip', 'brctl', 'ping'].includes(s.argv[0])) ?? segsOf(ctx, index)[0];
    if (!seg) continue;
    const id = `syntax:${index}:incomplete`;
    const ip = parseIp(seg.argv);
    if (/Unknown device type/.test(m[0]) && ip?.opts.type && KERNEL_LINK_TYPES.has(ip.opts.type)) {
      const model = modelAnswer(ctx, seg);
      const want = model ? parseIp(segmentsOf(model)[0]?.argv ?? [])?.opts.type : undefined;
      const vars = { type: ip.opts.type, want: want ?? '', fix: model ?? '' };
      out.push({ id, weight: 80, text: ctx.t(model && want && want !== ip.opts.type ? 'typeUnavailableModel' : 'typeUnavailable', vars) });
      continue;
    }
    if ((m[1] !== undefined || /Unknown device type/.test(m[0])) && ip?.opts.type) {
      const near = closest(ip.opts.type, LINK_TYPES);
      if (near) {
        out.push({ id, weight: 80, text: ctx.t('unknownLinkType', { type: ip.opts.type, near, fix: corrected(ctx, seg, ip.opts.type, near) }) });
        continue;
      }
    }
    const model = modelAnswer(ctx, seg);
    const last = seg.argv[seg.argv.length - 1];
    if (/Command line is not complete/.test(m[0]) && ['dev', 'master', 'netns', 'name', 'type', 'peer', 'address'].includes(last))
      out.push({ id, weight: 70, text: ctx.t(model ? 'missingValueModel' : 'missingValue', { word: last, cmd: seg.text, fix: model ?? '' }) });
    else out.push({ id, weight: 60, text: ctx.t(model ? 'incompleteModel' : 'incomplete', { cmd: seg.text, fix: model ?? `${seg.argv[0]} help` }) });
  }
  return out;
};

/** Values the tools or the kernel refuse: a bad address, a too long name, lo leaving its namespace, EINVAL. */
export const invalidValue: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index, line } of ctx.errorLines()) {
    const segs = segsOf(ctx, index);
    const id = `invalid:${index}`;
    let m: RegExpExecArray | null;
    if ((m = /any valid prefix is expected rather than "([^"]+)"/.exec(line))) {
      const seg = segs.find((s) => s.argv.includes(m![1]));
      const model = seg ? modelAnswer(ctx, seg) : undefined;
      out.push({ id, weight: 75, text: ctx.t(model ? 'badAddressModel' : 'badAddress', { value: m[1], fix: model ?? '' }) });
    } else if (/Attribute failed policy validation|Numerical result out of range/.test(line)) {
      const long = segs.flatMap((s) => s.argv).find((w) => w.length > 15 && !w.includes('/'));
      if (long) out.push({ id, weight: 75, text: ctx.t('nameTooLong', { name: long, n: long.length }) });
    } else if (/The interface netns is immutable/.test(line)) {
      const seg = segs.find((s) => parseIp(s.argv)?.opts.netns);
      const target = seg ? parseIp(seg.argv)!.opts.netns : 'ns0';
      out.push({ id, weight: 85, text: ctx.t('loImmutable', { ns: target, fix: inNs(target, 'ip link set up lo') }) });
    } else if (/Can not enslave a bridge to a bridge/.test(line)) {
      const seg = segs.find((s) => parseIp(s.argv)?.opts.master);
      const ip = seg ? parseIp(seg.argv) : undefined;
      out.push({ id, weight: 70, text: ctx.t('bridgeInBridge', { dev: ip?.dev ?? '?', bridge: ip?.opts.master ?? '?' }) });
    } else if (/RTNETLINK answers: Invalid argument/.test(line)) {
      const seg = segs.find((s) => s.argv[0] === 'ip') ?? segs[0];
      if (!seg) continue;
      const ip = parseIp(seg.argv);
      if (ip?.opts.master && ip.dev === 'lo') out.push({ id, weight: 75, text: ctx.t('loNoBridge', { bridge: ip.opts.master }) });
      else {
        const model = modelAnswer(ctx, seg);
        out.push({ id, weight: 50, text: ctx.t(model ? 'invalidArgumentModel' : 'invalidArgument', { cmd: seg.text, fix: model ?? '' }) });
      }
    }
  }
  return out;
};

/** brctl addif veth0-0 br0: the bridge comes first. */
export const brctlArgumentsReversed: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const seg of ctx.segments) {
    if (seg.argv[0] !== 'brctl' || !['addif', 'delif'].includes(seg.argv[1]) || seg.argv.length < 4) continue;
    if (seg.result.code === 0) continue;
    const [, sub, first, second] = seg.argv;
    const here = linksIn(ctx.state, seg.ns);
    const firstLink = here.find((l) => l.name === first) ?? linksNamed(ctx.state, first)[0];
    const secondLink = here.find((l) => l.name === second);
    if (firstLink?.kind === 'bridge') continue;
    const secondIsBridge = secondLink?.kind === 'bridge';
    if (!secondIsBridge && !(firstLink && !secondLink && /^br/.test(second))) continue;
    const fix = secondLink ? inNs(seg.ns, `brctl ${sub} ${second} ${first}`) : seq(inNs(seg.ns, `brctl addbr ${second}`), inNs(seg.ns, `brctl ${sub} ${second} ${first}`));
    out.push({ id: `reversed:${seg.index}`, weight: 95, text: ctx.t('brctlReversed', { sub, first, second, fix }), covers: [`dev:${seg.ns}:${first}`, `dev:${seg.ns}:${second}`] });
  }
  return out;
};

/** ip link set br0 master veth0-0: master names the bridge. */
export const masterArgumentsReversed: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const seg of ctx.segments) {
    const ip = parseIp(seg.argv);
    if (ip?.object !== 'link' || ip.verb !== 'set' || !ip.dev || !ip.opts.master || seg.result.code === 0) continue;
    const here = linksIn(ctx.state, seg.ns);
    const dev = here.find((l) => l.name === ip.dev);
    const master = here.find((l) => l.name === ip.opts.master);
    if (!dev || !master || master.kind === 'bridge') continue;
    if (dev.kind === 'bridge') out.push({ id: `reversed:${seg.index}`, weight: 95, text: ctx.t('masterReversed', { dev: ip.dev, master: ip.opts.master, fix: inNs(seg.ns, `ip link set ${ip.opts.master} master ${ip.dev}`) }) });
    else {
      const bridge = here.find((l) => l.kind === 'bridge');
      out.push({ id: `reversed:${seg.index}`, weight: 80, text: ctx.t(bridge ? 'masterNotBridge' : 'masterNotBridgeNone', { master: ip.opts.master, kind: master.kind || '?', dev: ip.dev, fix: bridge ? inNs(seg.ns, `ip link set ${ip.dev} master ${bridge.name}`) : seq(inNs(seg.ns, 'ip link add br0 type bridge'), inNs(seg.ns, `ip link set ${ip.dev} master br0`)) }) });
    }
  }
  return out;
};

/** ip link set ns0 netns veth0-1: the interface comes first, then netns and the namespace. */
export const netnsArgumentsReversed: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const seg of ctx.segments) {
    const ip = parseIp(seg.argv);
    if (ip?.object !== 'link' || ip.verb !== 'set' || !ip.dev || !ip.opts.netns || seg.result.code === 0) continue;
    if (!ctx.state.namespaces.includes(ip.dev) && !/^ns/.test(ip.dev)) continue;
    if (!linksNamed(ctx.state, ip.opts.netns).length) continue;
    out.push({ id: `reversed:${seg.index}`, weight: 95, text: ctx.t('netnsReversed', { ns: ip.dev, dev: ip.opts.netns, fix: inNs(seg.ns, `ip link set ${ip.opts.netns} netns ${ip.dev}`) }), covers: [`ns:${ip.opts.netns}`, `dev:${seg.ns}:${ip.dev}`, `where:${ip.opts.netns}`, `extra:${seg.ns}:${ip.opts.netns}`] });
  }
  return out;
};

/** ping's own complaints: a target that is not an address, -I with an address that is not ours. */
export const pingUsage: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index, line } of ctx.errorLines()) {
    const seg = segsOf(ctx, index).find((s) => s.argv[0] === 'ping');
    if (!seg) continue;
    let m: RegExpExecArray | null;
    if ((m = /ping: (\S+): (?:Temporary failure in name resolution|Name or service not known)/.exec(line))) {
      const ref = ctx.reference.find((r) => r.argv[0] === 'ping');
      out.push({ id: `ping:${index}`, weight: 75, text: ctx.t(ref ? 'pingNotAnAddressModel' : 'pingNotAnAddress', { target: m[1], fix: ref ? segmentToString(ref) : '' }) });
    } else if (/bind: Cannot assign requested address/.test(line)) {
      const i = seg.argv.indexOf('-I');
      const addr = i >= 0 ? seg.argv[i + 1] : '?';
      const owner = linksIn(ctx.state, seg.ns).find((l) => l.addrs.some((a) => a.local === addr));
      const dev = owner?.name ?? linksIn(ctx.state, seg.ns).find((l) => l.name !== 'lo')?.name ?? 'veth0-0';
      const argv = seg.argv.map((w, j) => (j === i + 1 ? dev : w));
      out.push({ id: `ping:${index}`, weight: 75, text: ctx.t('pingBindAddress', { addr, here: ctx.ns(seg.ns), fix: inNs(seg.ns, argv.map(shellQuote).join(' ')) }) });
    }
  }
  return out;
};

export const syntaxRules = {
  unknownSubcommand,
  garbageArgument,
  incompleteCommand,
  invalidValue,
  brctlArgumentsReversed,
  masterArgumentsReversed,
  netnsArgumentsReversed,
  pingUsage,
};
