/**
 * Rules that read what a command printed when it failed: a device or namespace
 * that is not where the command looked, something that already exists,
 * a permission or a missing program.
 */
import { TOOLS } from '../../lab/tools.js';
import {
  closest,
  corrected,
  goalNames,
  inNs,
  linksIn,
  linksNamed,
  nsExists,
  ownersOf,
  parseCidr,
  parseIp,
  segmentToString,
  seq,
  shellQuote,
  type Ctx,
  type Finding,
  type Rule,
  type Segment,
} from './context.js';

const DEVICE_ERRORS = [
  /Cannot find device "([^"]+)"/,
  /Device "([^"]+)" does not exist/,
  /^interface (\S+) does not exist!/,
  /^bridge (\S+) does not exist!/,
  /argument "([^"]+)" is wrong: Device does not exist/,
  /SO_BINDTODEVICE (\S+): No such device/,
  /tcpdump: (\S+): No such device exists/,
  /bridge (\S+) doesn't exist; can't delete it/,
];

function matchAll(ctx: Ctx, patterns: RegExp[]): { index: number; line: string; m: RegExpExecArray }[] {
  const out: { index: number; line: string; m: RegExpExecArray }[] = [];
  for (const { index, line } of ctx.errorLines()) {
    for (const p of patterns) {
      const m = p.exec(line);
      if (m) {
        out.push({ index, line, m });
        break;
      }
    }
  }
  return out;
}

/** The reference command (from the step itself) that creates interface `name`. */
export function creatorOf(ctx: Ctx, name: string): Segment | undefined {
  return ctx.reference.find((s) => {
    const ip = parseIp(s.argv);
    if (ip?.object === 'link' && ip.verb === 'add') return ip.dev === name || ip.opts.name === name || ip.opts.peer === name;
    return s.argv[0] === 'brctl' && s.argv[1] === 'addbr' && s.argv[2] === name;
  });
}


function plain(seg: Segment): string {
  return seg.argv.map(shellQuote).join(' ');
}

/** Cannot find device "X" and its cousins: say where X really is. */
export const deviceNotFound: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index, m } of matchAll(ctx, DEVICE_ERRORS)) {
    const name = m[1];
    const seg = ctx.segmentMentioning(index, name, (s) => !linksIn(ctx.state, s.ns).some((l) => l.name === name));
    if (!seg) continue;
    const here = seg.ns;
    if (!nsExists(ctx.state, here)) continue; // the namespace itself is missing: another rule says so
    if (linksIn(ctx.state, here).some((l) => l.name === name)) continue;
    if (ctx.state.namespaces.includes(name)) continue; // a namespace where an interface belongs: netnsReversed
    const id = `dev:${here}:${name}`;
    // With one name in several namespaces, the one the step's goal names is meant; without one, no guess.
    const found = linksNamed(ctx.state, name).filter((l) => l.ns !== here);
    const wanted = new Set(ctx.input.step.expect.flatMap((e) => ('dev' in e && e.dev === name) || ('name' in e && e.name === name) ? ['in' in e ? e.in : 'host'] : []));
    const elsewhere = found.length > 1 ? found.filter((l) => wanted.has(l.ns)) : found;
    if (found.length > 1 && elsewhere.length !== 1) continue;
    if (elsewhere.length) {
      const there = elsewhere[0].ns;
      const ip = parseIp(seg.argv);
      if (ip?.object === 'link' && ip.verb === 'set' && ip.opts.netns === there) {
        out.push({ id, weight: 85, text: ctx.t('devAlreadyMoved', { dev: name, there: ctx.ns(there), here: ctx.ns(here), fix: inNs(there, `ip link show ${name}`) }) });
        continue;
      }
      // Other interfaces the command names that live only here: running it over there would fail too.
      const anchored = seg.argv.slice(1).find((w) => w !== name && linksIn(ctx.state, here).some((l) => l.name === w && l.name !== 'lo') && !linksIn(ctx.state, there).some((l) => l.name === w));
      if (anchored) {
        const back = inNs(there, `ip link set ${name} netns ${here === 'host' ? '1' : here}`);
        out.push({ id, weight: 85, text: ctx.t('devElsewhereMoveBack', { dev: name, there: ctx.ns(there), here: ctx.ns(here), other: anchored, fix: seq(back, inNs(here, plain(seg))) }) });
      } else {
        out.push({ id, weight: 85, text: ctx.t('devElsewhere', { dev: name, there: ctx.ns(there), here: ctx.ns(here), cmd: seg.text, fix: inNs(there, plain(seg)) }) });
      }
      continue;
    }
    const meant = goalNames(ctx, seg).filter((n) => ctx.state.links.some((l) => l.name === n));
    const near = closest(name, meant) ?? closest(name, linksIn(ctx.state, here).map((l) => l.name)) ?? closest(name, ctx.state.links.map((l) => l.name));
    if (near) {
      const nearLink = linksIn(ctx.state, here).find((l) => l.name === near) ?? linksNamed(ctx.state, near)[0];
      out.push({ id, weight: 80, text: ctx.t('devTypo', { dev: name, here: ctx.ns(here), near, fix: corrected(ctx, seg, name, near, nearLink.ns) }) });
      continue;
    }
    const creator = creatorOf(ctx, name);
    if (creator) out.push({ id, weight: 60, text: ctx.t('devMissingCreate', { dev: name, fix: segmentToString(creator) }) });
    else out.push({ id, weight: 55, text: ctx.t('devMissing', { dev: name, here: ctx.ns(here), fix: inNs(here, 'ip -br link') }) });
  }
  return out;
};

/** Cannot open network namespace "ns0", Invalid "netns" value: the namespace is not there. */
export const namespaceNotFound: Rule = (ctx) => {
  const out: Finding[] = [];
  const hits = matchAll(ctx, [/Cannot open network namespace "([^"]+)": No such file/, /argument "([^"]+)" is wrong: Invalid "netns" value/]);
  for (const { index, m } of hits) {
    const name = m[1];
    if (linksNamed(ctx.state, name).length) continue; // arguments swapped: netnsReversed
    const seg = ctx.segmentMentioning(index, name);
    const id = `ns:${name}`;
    if (name === 'host' && seg) {
      out.push({ id, weight: 85, text: ctx.t('nsHostIsNotAName', { fix: corrected(ctx, seg, 'host', '1') }) });
      continue;
    }
    const near = closest(name, ctx.state.namespaces);
    // The move that failed is what the state findings about that interface would ask for again.
    const ip = seg && parseIp(seg.argv);
    const moved = ip?.object === 'link' && ip.verb === 'set' && ip.dev ? [`where:${ip.dev}`, `extra:${seg!.ns}:${ip.dev}`] : [];
    if (near && seg) out.push({ id, weight: 86, covers: moved, text: ctx.t('nsTypo', { name, near, fix: corrected(ctx, seg, name, near) }) });
    else out.push({ id, weight: 75, text: ctx.t('nsMissing', { name, fix: `ip netns add ${name}` }) });
  }
  return out;
};

/** RTNETLINK answers: File exists (and brctl's and ip netns's versions of it). */
export const alreadyExists: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index, m } of matchAll(ctx, [/RTNETLINK answers: File exists/, /device (\S+) already exists; can't create bridge/, /Cannot create namespace file "[^"]*\/([^/"]+)": File exists/])) {
    if (/namespace file/.test(m[0])) {
      const name = m[1];
      out.push({ id: `nsexists:${name}`, weight: 70, text: ctx.t('nsExists', { name, fix: `ip netns del ${name}` }) });
      continue;
    }
    const segs = ctx.segments.filter((s) => s.index === index);
    if (m[1]) {
      const seg = segs.find((s) => s.argv.includes(m[1]));
      out.push({ id: `exists:${seg?.ns ?? 'host'}:${m[1]}`, weight: 70, text: ctx.t('linkExists', { dev: m[1], here: ctx.ns(seg?.ns ?? 'host'), fix: inNs(seg?.ns ?? 'host', `ip link del ${m[1]}`) }) });
      continue;
    }
    for (const seg of segs) {
      const ip = parseIp(seg.argv);
      if (!ip) continue;
      if (ip.object === 'link' && ip.verb === 'add') {
        const name = ip.dev ?? ip.opts.name;
        if (ip.opts.peer && ip.opts.peer === name) {
          out.push({ id: `vethsame:${name}`, weight: 80, text: ctx.t('vethSameName', { dev: name, fix: inNs(seg.ns, `ip link add ${name} type veth peer name ${name.replace(/\d+$/, (d) => String(Number(d) + 1))}`) }) });
          continue;
        }
        const existing = [name, ip.opts.peer].filter((n): n is string => !!n && linksIn(ctx.state, seg.ns).some((l) => l.name === n));
        const dev = existing[0] ?? name;
        if (!dev) continue;
        out.push({ id: `exists:${seg.ns}:${dev}`, weight: 70, text: ctx.t('linkExists', { dev, here: ctx.ns(seg.ns), fix: inNs(seg.ns, `ip link del ${dev}`) }) });
      } else if (ip.object === 'link' && ip.verb === 'set' && ip.opts.name) {
        out.push({ id: `exists:${seg.ns}:${ip.opts.name}`, weight: 70, text: ctx.t('renameExists', { dev: ip.opts.name, here: ctx.ns(seg.ns), fix: inNs(seg.ns, 'ip -br link') }) });
      } else if (ip.object === 'route' && ip.verb === 'add') {
        out.push({ id: `routeexists:${seg.ns}`, weight: 65, text: ctx.t('routeExists', { route: ip.positional[0] ?? '', fix: inNs(seg.ns, 'ip route show') }) });
      }
    }
  }
  return out;
};

/** Error: ipv4: Address already assigned. */
export const addressAlreadyAssigned: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index } of matchAll(ctx, [/Address already assigned/])) {
    for (const seg of ctx.segments.filter((s) => s.index === index)) {
      const ip = parseIp(seg.argv);
      if (ip?.object !== 'address' || ip.verb !== 'add' || !ip.dev || !ip.positional[0]) continue;
      const want = parseCidr(ip.positional[0]);
      const link = linksIn(ctx.state, seg.ns).find((l) => l.name === ip.dev);
      const have = link?.addrs.find((a) => a.local === want.ip);
      if (!have) continue;
      const wantCidr = `${want.ip}/${want.len}`;
      const haveCidr = `${have.local}/${have.prefixlen}`;
      if (have.prefixlen !== want.len)
        out.push({ id: `addrexists:${seg.ns}:${ip.dev}:${want.ip}`, weight: 80, text: ctx.t('addrExistsOtherPrefix', { dev: ip.dev, ip: want.ip, have: haveCidr, want: wantCidr, fix: seq(inNs(seg.ns, `ip addr del ${haveCidr} dev ${ip.dev}`), inNs(seg.ns, `ip addr add ${wantCidr} dev ${ip.dev}`)) }) });
      else out.push({ id: `addrexists:${seg.ns}:${ip.dev}:${want.ip}`, weight: 60, text: ctx.t('addrExists', { dev: ip.dev, cidr: haveCidr, fix: inNs(seg.ns, `ip addr show dev ${ip.dev}`) }) });
    }
  }
  return out;
};

/** Error: ipv4: Address not found. (ip addr del of an address that is not there as typed) */
export const addressNotFound: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index } of matchAll(ctx, [/Address not found/])) {
    for (const seg of ctx.segments.filter((s) => s.index === index)) {
      const ip = parseIp(seg.argv);
      if (ip?.object !== 'address' || ip.verb !== 'delete' || !ip.dev || !ip.positional[0]) continue;
      const want = parseCidr(ip.positional[0]);
      const owners = ownersOf(ctx.state, want.ip);
      const id = `addrdel:${seg.ns}:${want.ip}`;
      const sameDev = owners.find((o) => o.link.ns === seg.ns && o.link.name === ip.dev);
      const sameNs = owners.find((o) => o.link.ns === seg.ns);
      const cidr = (o: (typeof owners)[number]) => `${o.addr.local}/${o.addr.prefixlen}`;
      if (sameDev) out.push({ id, weight: 80, text: ctx.t('addrDelPrefix', { dev: ip.dev, have: cidr(sameDev), typed: ip.positional[0], fix: inNs(seg.ns, `ip addr del ${cidr(sameDev)} dev ${ip.dev}`) }) });
      else if (sameNs) out.push({ id, weight: 80, text: ctx.t('addrDelOtherDev', { ip: want.ip, dev: ip.dev, other: sameNs.link.name, fix: inNs(seg.ns, `ip addr del ${cidr(sameNs)} dev ${sameNs.link.name}`) }) });
      else if (owners.length) out.push({ id, weight: 80, text: ctx.t('addrDelOtherNs', { ip: want.ip, other: owners[0].link.name, there: ctx.ns(owners[0].link.ns), here: ctx.ns(seg.ns), fix: inNs(owners[0].link.ns, `ip addr del ${cidr(owners[0])} dev ${owners[0].link.name}`) }) });
      else out.push({ id, weight: 60, text: ctx.t('addrDelNowhere', { ip: want.ip }) });
    }
  }
  return out;
};

/** device X is already a member of a bridge (brctl addif twice, or onto a second bridge). */
export const alreadyBridgePort: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index, m } of matchAll(ctx, [/device (\S+) is already a member of a bridge; can't add it to bridge (\S+)\./])) {
    const [, dev, bridge] = m;
    const seg = ctx.segmentMentioning(index, dev);
    const link = linksIn(ctx.state, seg?.ns ?? 'host').find((l) => l.name === dev);
    if (!link?.master) continue;
    if (link.master === bridge) out.push({ id: `port:${dev}`, weight: 60, text: ctx.t('alreadyPortSame', { dev, bridge }) });
    else out.push({ id: `port:${dev}`, weight: 80, text: ctx.t('alreadyPortOther', { dev, bridge, other: link.master, fix: inNs(seg?.ns ?? 'host', `brctl delif ${link.master} ${dev} && brctl addif ${bridge} ${dev}`) }) });
  }
  return out;
};

/** Operation not permitted / Permission denied: the lab's privileges do not reach that far. */
export const operationNotPermitted: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { index, line } of ctx.errorLines()) {
    if (!/Operation not permitted|Permission denied|permission denied on key|effective uid is not 0/.test(line)) continue;
    const segs = ctx.segments.filter((s) => s.index === index);
    const sudo = segs.find((s) => s.sudo || s.argv[0] === 'sudo');
    if (sudo || /sudo/.test(line)) {
      const seg = sudo ?? segs[0];
      const fix = seg && seg.argv[0] !== 'sudo' ? segmentToString(seg) : seg?.argv.slice(1).join(' ') ?? '';
      out.push({ id: `eperm:${index}`, weight: 85, text: ctx.t('notPermittedSudo', { fix }) });
      continue;
    }
    const key = /permission denied on key "([^"]+)"/.exec(line);
    if (key) {
      out.push({ id: `eperm:${index}`, weight: 80, text: ctx.t('notPermittedSysctl', { key: key[1] }) });
      continue;
    }
    const seg = segs.find((s) => s.argv[0] === 'ip' || s.argv[0] === 'brctl' || s.argv[0] === 'bridge') ?? segs[0];
    out.push({ id: `eperm:${index}`, weight: 70, text: ctx.t('notPermitted', { cmd: seg?.text ?? line, fix: seg ? segmentToString(seg) : '' }) });
  }
  return out;
};

const KNOWN_PROGRAMS = ['ip', 'bridge', 'ping', 'tcpdump', 'brctl', 'unshare', 'sysctl', 'ifconfig', 'arp', 'ethtool', 'tc', 'ss', 'nsenter', 'cat', 'grep', 'echo', 'ls', 'sleep'];
const EXTRA_PACKAGES: Record<string, { debian: string; fedora: string }> = {
  ifconfig: { debian: 'net-tools', fedora: 'net-tools' },
  arp: { debian: 'net-tools', fedora: 'net-tools' },
  route: { debian: 'net-tools', fedora: 'net-tools' },
  ethtool: { debian: 'ethtool', fedora: 'ethtool' },
};

/** What to type with iproute2 instead of a brctl / net-tools command. */
export function iprouteEquivalent(argv: string[]): string | undefined {
  const [prog, sub, a, b] = argv;
  if (prog === 'brctl') {
    if (sub === 'addbr' && a) return `ip link add ${a} type bridge`;
    if (sub === 'delbr' && a) return `ip link del ${a}`;
    if (sub === 'addif' && a && b) return `ip link set ${b} master ${a}`;
    if (sub === 'delif' && a && b) return `ip link set ${b} nomaster`;
    if (sub === 'show') return a ? `bridge link show master ${a}` : 'bridge link show';
    if (sub === 'showmacs' && a) return `bridge fdb show br ${a}`;
  }
  if (prog === 'ifconfig') return 'ip addr show';
  if (prog === 'arp') return 'ip neigh show';
  if (prog === 'route') return 'ip route show';
  return undefined;
}

/** sh: 1: brctl: not found (exit 127): name the package, and the iproute2 way. */
export const commandNotFound: Rule = (ctx) => {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const { index, line } of ctx.errorLines()) {
    const m = /^(?:\S*sh: (?:\d+: |line \d+: )?)?(\S+): (?:command )?not found/.exec(line) ?? /exec of "([^"]+)" failed: No such file/.exec(line);
    if (!m) continue;
    const prog = m[1].split('/').pop()!;
    if (seen.has(prog)) continue;
    seen.add(prog);
    const seg = ctx.segments.find((s) => s.index === index && s.argv[0] === m[1]) ?? ctx.segments.find((s) => s.index === index);
    const id = `notfound:${prog}`;
    const tool = TOOLS.find((t) => t.name === prog) ?? (EXTRA_PACKAGES[prog] ? { name: prog, ...EXTRA_PACKAGES[prog] } : undefined);
    if (tool) {
      const alt = seg ? iprouteEquivalent(seg.argv) : undefined;
      const vars = { prog, deb: tool.debian, fed: tool.fedora, install: `sudo apt-get install ${tool.debian}` };
      if (alt && seg) out.push({ id, weight: 85, text: ctx.t('toolMissingAlt', { ...vars, fix: inNs(seg.ns, alt) }) });
      else out.push({ id, weight: 85, text: ctx.t('toolMissing', vars) });
      continue;
    }
    const near = closest(prog, KNOWN_PROGRAMS);
    if (near && seg) out.push({ id, weight: 80, text: ctx.t('programTypo', { prog, near, fix: corrected(ctx, seg, prog, near) }) });
    else out.push({ id, weight: 50, text: ctx.t('programUnknown', { prog }) });
  }
  return out;
};

export const commandErrorRules = {
  deviceNotFound,
  namespaceNotFound,
  alreadyExists,
  addressAlreadyAssigned,
  addressNotFound,
  alreadyBridgePort,
  operationNotPermitted,
  commandNotFound,
};
