/**
 * Rules comparing failed `addr` expectations with the addresses really present:
 * missing, wrong prefix, on the wrong interface or namespace, lost in a move,
 * and one subnet on two interfaces of a namespace.
 */
import { cidrOf, inNs, inSubnet, linksIn, linksNamed, networkOf, ownersOf, parseCidr, parseIp, peerLink, routeFor, seq, type Ctx, type Finding, type Rule } from './context.js';
import { moveCommand } from './links.js';
import type { LinkState } from '../../lab/state.js';

function addCmd(ns: string, cidr: string, dev: string): string {
  return inNs(ns, `ip addr add ${cidr} dev ${dev}`);
}
function delCmd(ns: string, cidr: string, dev: string): string {
  return inNs(ns, `ip addr del ${cidr} dev ${dev}`);
}

function wantedAddrs(ctx: Ctx) {
  return ctx.failedOf('addr').filter(({ e }) => e.exists);
}

/** The interface that should hold the address is not in that namespace at all. */
export const addrDeviceAbsent: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of wantedAddrs(ctx)) {
    if (linksIn(ctx.state, e.in).some((l) => l.name === e.dev)) continue;
    const other = linksNamed(ctx.state, e.dev)[0];
    if (other) out.push({ id: `where:${e.dev}`, weight: 85, text: ctx.t('linkElsewhere', { dev: e.dev, there: ctx.ns(other.ns), want: ctx.ns(e.in), fix: moveCommand(ctx, other, e.in) }) });
    else out.push({ id: `missing:${e.in}:${e.dev}`, weight: 60, text: ctx.t('addrNoDevice', { dev: e.dev, want: ctx.ns(e.in), cidr: e.cidr }) });
  }
  return out;
};

/** The address sits in another namespace: the command ran in the host when it was meant for ns0, or the other way round. */
export const addrInOtherNamespace: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of wantedAddrs(ctx)) {
    const { ip } = parseCidr(e.cidr);
    const elsewhere = ownersOf(ctx.state, ip).find((o) => o.link.ns !== e.in);
    if (!elsewhere || !linksIn(ctx.state, e.in).some((l) => l.name === e.dev)) continue;
    const { link, addr } = elsewhere;
    const want = parseCidr(e.cidr);
    // A down link that already holds an address of that subnet here is a second cause of "no route", told on its own.
    const downInSubnet = linksIn(ctx.state, e.in).some((l) => !l.up && l.addrs.some((a) => inSubnet(a.local, want.ip, want.len)));
    out.push({
      id: `addr:${e.in}:${e.dev}:${e.cidr}`,
      weight: 86,
      covers: [...(downInSubnet ? [] : [`noroute:${e.in}:*`]), `nobody:${want.ip}`],
      text: ctx.t('addrOtherNs', { cidr: cidrOf(addr), other: link.name, there: ctx.ns(link.ns), dev: e.dev, want: ctx.ns(e.in), fix: seq(delCmd(link.ns, cidrOf(addr), link.name), addCmd(e.in, e.cidr, e.dev)) }),
    });
  }
  return out;
};

/** Same address, different prefix length (typically /32 because the /24 was left out). */
export const addrWrongPrefix: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of wantedAddrs(ctx)) {
    const want = parseCidr(e.cidr);
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.dev);
    const have = link?.addrs.find((a) => a.local === want.ip && a.prefixlen !== want.len);
    if (!link || !have) continue;
    const key = have.prefixlen === 32 ? 'addrPrefix32' : 'addrPrefix';
    out.push({ id: `addr:${e.in}:${e.dev}:${e.cidr}`, weight: 84, text: ctx.t(key, { dev: e.dev, have: cidrOf(have), want: e.cidr, len: want.len, fix: seq(delCmd(e.in, cidrOf(have), e.dev), addCmd(e.in, e.cidr, e.dev)) }) });
  }
  return out;
};

/** The address is on another interface of the same namespace (veth0-0 instead of br0). */
export const addrOnWrongInterface: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of wantedAddrs(ctx)) {
    const want = parseCidr(e.cidr);
    const on = ownersOf(ctx.state, want.ip).find((o) => o.link.ns === e.in && o.link.name !== e.dev);
    if (!on || !linksIn(ctx.state, e.in).some((l) => l.name === e.dev)) continue;
    const key = on.link.master === e.dev ? 'addrOnPortNotBridge' : 'addrOnOtherDev';
    out.push({ id: `addr:${e.in}:${e.dev}:${e.cidr}`, weight: 85, text: ctx.t(key, { cidr: cidrOf(on.addr), other: on.link.name, dev: e.dev, ns: ctx.ns(e.in), fix: seq(delCmd(e.in, cidrOf(on.addr), on.link.name), addCmd(e.in, e.cidr, e.dev)) }) });
  }
  return out;
};

/** A veth moved into a namespace arrives without addresses. */
export const addrLostOnMove: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of wantedAddrs(ctx)) {
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.dev);
    if (!link || link.addrs.length || link.kind !== 'veth') continue;
    const peer = peerLink(ctx.state, link);
    if (!peer || peer.ns === link.ns) continue;
    if (ownersOf(ctx.state, parseCidr(e.cidr).ip).length) continue;
    // Only an end that was moved lost its addresses by moving: one in a named namespace (it got there by a move),
    // or one the state before the command shows elsewhere. The host's end of a pair usually never moved.
    const movedBefore = ctx.input.before?.links.some((l) => l.mac === link.mac && l.kind === 'veth' && l.ns !== link.ns);
    if (link.ns === 'host' && !movedBefore) continue;
    out.push({ id: `addr:${e.in}:${e.dev}:${e.cidr}`, weight: 82, text: ctx.t('addrLostOnMove', { dev: e.dev, ns: ctx.ns(e.in), cidr: e.cidr, fix: addCmd(e.in, e.cidr, e.dev) }) });
  }
  return out;
};

/** The interface holds a different address (a typo in the last number, usually). */
export const addrDifferent: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of wantedAddrs(ctx)) {
    const want = parseCidr(e.cidr);
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.dev);
    if (!link || link.addrs.some((a) => a.local === want.ip)) continue;
    const other = link.addrs.find((a) => inSubnet(a.local, want.ip, Math.min(a.prefixlen, want.len))) ?? link.addrs[0];
    // A typo only if the learner's command is what put that address there.
    const added = ctx.segments.some((s) => {
      const ip = parseIp(s.argv);
      return ip?.object === 'address' && ip.verb === 'add' && ip.positional[0]?.split('/')[0] === other?.local;
    });
    if (!other || !added) continue;
    out.push({ id: `addr:${e.in}:${e.dev}:${e.cidr}`, weight: 78, text: ctx.t('addrDifferent', { dev: e.dev, have: cidrOf(other), want: e.cidr, fix: seq(delCmd(e.in, cidrOf(other), e.dev), addCmd(e.in, e.cidr, e.dev)) }) });
  }
  return out;
};

/** Nothing of the above: the address was simply never added. */
export const addrMissing: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of wantedAddrs(ctx)) {
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.dev);
    if (!link || link.addrs.length || ownersOf(ctx.state, parseCidr(e.cidr).ip).length) continue;
    out.push({ id: `addr:${e.in}:${e.dev}:${e.cidr}`, weight: 60, text: ctx.t('addrMissing', { dev: e.dev, ns: ctx.ns(e.in), cidr: e.cidr, fix: addCmd(e.in, e.cidr, e.dev) }) });
  }
  return out;
};

/** `exists: false` failed: the address is still there. */
export const addrStillPresent: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('addr')) {
    if (e.exists) continue;
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.dev);
    const want = parseCidr(e.cidr);
    const have = link?.addrs.find((a) => a.local === want.ip && a.prefixlen === want.len);
    if (!link || !have) continue;
    const key = link.master ? 'addrStillOnPort' : 'addrStillThere';
    out.push({ id: `addrgone:${e.in}:${e.dev}:${e.cidr}`, weight: 75, text: ctx.t(key, { dev: e.dev, cidr: e.cidr, bridge: link.master ?? '', fix: delCmd(e.in, e.cidr, e.dev) }) });
  }
  return out;
};

/** Namespaces the failed checks are about. */
function namespacesInvolved(ctx: Ctx): Set<string> {
  const out = new Set<string>();
  for (const c of ctx.failed) {
    const e = c.expectation;
    if (e.kind === 'ping') {
      out.add(e.from);
      for (const o of ownersOf(ctx.state, e.target)) out.add(o.link.ns);
    } else if (e.kind === 'addr' || e.kind === 'neigh') out.add(e.in);
  }
  for (const s of ctx.segments) if (s.argv[0] === 'ping' && s.result.code !== 0) out.add(s.ns);
  return out;
}

/** Two interfaces of one namespace in the same subnet: two routes, and the kernel only uses the first. */
export const sameSubnetTwice: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const ns of namespacesInvolved(ctx)) {
    const links = linksIn(ctx.state, ns).filter((l) => l.name !== 'lo' && l.addrs.length);
    for (let i = 0; i < links.length; i++)
      for (let j = i + 1; j < links.length; j++) {
        const a = links[i];
        const b = links[j];
        if (a.kind === 'veth' && peerLink(ctx.state, a) === b) continue; // both ends of one pair: the first lesson's setup
        const pa = a.addrs.find((x) => b.addrs.some((y) => inSubnet(x.local, y.local, Math.min(x.prefixlen, y.prefixlen))));
        if (!pa) continue;
        const pb = b.addrs.find((y) => inSubnet(pa.local, y.local, Math.min(pa.prefixlen, y.prefixlen)))!;
        const used = routeFor(ctx.state, ns, pa.local)?.dev ?? a.name;
        // Drop it from a bridge port if one holds it; else from the interface the kernel wrongly uses.
        const drop: { link: LinkState; cidr: string } = a.master ? { link: a, cidr: cidrOf(pa) } : b.master ? { link: b, cidr: cidrOf(pb) } : used === a.name ? { link: a, cidr: cidrOf(pa) } : { link: b, cidr: cidrOf(pb) };
        const net = networkOf(pa.local, Math.min(pa.prefixlen, pb.prefixlen));
        out.push({ id: `subnet2:${ns}:${net}`, weight: 80, text: ctx.t('sameSubnetTwice', { ns: ctx.ns(ns), a: a.name, b: b.name, net, used, fix: delCmd(ns, drop.cidr, drop.link.name) }) });
      }
  }
  return out;
};

export const addressRules = {
  addrDeviceAbsent,
  addrInOtherNamespace,
  addrWrongPrefix,
  addrOnWrongInterface,
  addrLostOnMove,
  addrDifferent,
  addrMissing,
  addrStillPresent,
  sameSubnetTwice,
};
