/**
 * Rules for pings that got no reply: each follows the packet from the source
 * namespace (route, egress interface, neighbour entry, the other end) and names
 * the first place where it stops.
 */
import type { Addr, LabState, LinkState, RouteEntry } from '../../lab/state.js';
import {
  addrToward,
  cidrOf,
  freeAddressIn,
  inNs,
  inSubnet,
  isLocal,
  isResolved,
  l2Segment,
  linksIn,
  routersToward,
  neighOf,
  nsExists,
  ownersOf,
  parseIp,
  peerLink,
  ranClaim,
  routeFor,
  seq,
  type Ctx,
  type Finding,
  type Rule,
  type Segment,
} from './context.js';
import { downFinding } from './links.js';

export interface PingAttempt {
  from: string;
  target: string;
  iface?: string;
  replied: boolean;
  expectReply: boolean;
  /** The learner's command that sent it, when it came from a typed ping rather than a check. */
  typed?: Segment;
}

/** A finding about a ping the learner typed accounts for that command (and for its failure). */
export function typedClaims(p: PingAttempt): string[] | undefined {
  return p.typed ? [`command:${p.typed.index}`, ranClaim(p.typed.index, p.typed.pos)] : undefined;
}

const LOSS = /loss|100%|\b0 received|unreachable/i;

/** Target and -I interface of a ping command line. */
export function parsePing(argv: string[]): { target?: string; iface?: string } {
  const withValue = new Set(['-c', '-W', '-w', '-I', '-i', '-s', '-t', '-Q', '-l', '-p', '-M', '-m', '-S', '-T', '-F']);
  let target: string | undefined;
  let iface: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-I') iface = argv[++i];
    else if (a.startsWith('-I') && a.length > 2) iface = a.slice(2);
    else if (withValue.has(a)) i++;
    else if (!a.startsWith('-')) target = a;
  }
  return { target, iface };
}

/** Replies a ping printed: its summary line, or (killed before the summary) the reply lines. */
export function replyCount(output: string): number | undefined {
  const m = /(\d+) (?:packets )?received/.exec(output);
  if (m) return Number(m[1]);
  const replies = output.match(/^\d+ bytes from /gm)?.length ?? 0;
  return replies > 0 ? replies : undefined;
}

/** What the step's exit/output checks say about whether its ping commands should get replies. */
function commandPingExpectation(ctx: Ctx): boolean | undefined {
  for (const c of ctx.failed) {
    const e = c.expectation;
    if (e.kind === 'exit') return e.status === 0;
    if (e.kind === 'output') {
      const aboutLoss = LOSS.test(e.pattern);
      return e.matches ? !aboutLoss : aboutLoss;
    }
  }
  const expectsFailure = ctx.input.step.expect.some((e) => (e.kind === 'ping' && !e.succeeds) || (e.kind === 'exit' && e.status !== 0));
  return expectsFailure ? undefined : true;
}

/** Every ping the step's outcome depends on: failed ping and neigh checks, and ping commands. */
export function pingAttempts(ctx: Ctx): PingAttempt[] {
  const out: PingAttempt[] = [];
  const add = (p: PingAttempt) => {
    if (!out.some((o) => o.from === p.from && o.target === p.target && o.iface === p.iface && o.expectReply === p.expectReply)) out.push(p);
  };
  for (const { e } of ctx.failedOf('ping')) add({ from: e.from, target: e.target, iface: e.iface, replied: e.succeeds === false, expectReply: e.succeeds });
  // An unresolved neighbour entry is what a ping out of that device runs into.
  for (const { e } of ctx.failedOf('neigh')) if (e.resolved) add({ from: e.in, target: e.address, iface: e.dev, replied: false, expectReply: true });
  const expect = commandPingExpectation(ctx);
  if (expect !== undefined)
    for (const seg of ctx.segments) {
      if (seg.argv[0] !== 'ping') continue;
      const { target, iface } = parsePing(seg.argv);
      if (!target || !/^\d+\.\d+\.\d+\.\d+$/.test(target)) continue;
      const n = replyCount(seg.result.output);
      const replied = n !== undefined ? n > 0 : seg.result.code === 0;
      if (replied !== expect) add({ from: seg.ns, target, iface, replied, expectReply: expect, typed: seg });
    }
  return out;
}

/** Where a ping from `from` to `target` would go, as far as the state tells. */
export interface PingPath {
  p: PingAttempt;
  local: boolean;
  lo?: LinkState;
  route?: RouteEntry;
  egress?: LinkState;
  /** The egress's own address toward the target: the ping's source. */
  source?: Addr;
  owners: { link: LinkState; addr: Addr }[];
}

export function tracePing(state: LabState, p: PingAttempt): PingPath {
  const here = linksIn(state, p.from);
  const route = routeFor(state, p.from, p.target, p.iface);
  const egress = here.find((l) => l.name === (p.iface ?? route?.dev));
  return {
    p,
    local: isLocal(state, p.from, p.target),
    lo: here.find((l) => l.name === 'lo'),
    route,
    egress,
    source: egress ? addrToward(egress, p.target) : undefined,
    owners: ownersOf(state, p.target),
  };
}

function failedPings(ctx: Ctx): PingPath[] {
  return pingAttempts(ctx)
    .filter((p) => p.expectReply && !p.replied && nsExists(ctx.state, p.from))
    .map((p) => tracePing(ctx.state, p));
}

const neighId = (p: PingAttempt) => `neigh:${p.from}:${p.target}`;

/** Ping from a namespace that does not exist. */
export const pingFromMissingNamespace: Rule = (ctx) =>
  pingAttempts(ctx)
    .filter((p) => p.expectReply && !nsExists(ctx.state, p.from))
    .map((p) => ({ id: `ns:${p.from}`, weight: 75, text: ctx.t('nsMissing', { name: p.from, fix: `ip netns add ${p.from}` }) }));

/** Pinging the namespace's own address with its lo down. */
export const loDownOwnAddress: Rule = (ctx) =>
  failedPings(ctx)
    .filter((t) => t.local && t.lo && !t.lo.up)
    .map((t) => ({
      id: `lo:${t.p.from}`,
      weight: 92,
      covers: [`linkdown:${t.p.from}:lo`, neighId(t.p), `noroute:${t.p.from}:${t.p.target}`],
      text: ctx.t('loDownOwnAddress', { ns: ctx.ns(t.p.from), target: t.p.target, fix: inNs(t.p.from, 'ip link set up lo') }),
    }));

/** ping -I veth0-0 to an address of the same namespace: local, so the other end drops it as martian. */
export const localTargetViaInterface: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of failedPings(ctx)) {
    if (!t.local || !t.p.iface || (t.lo && !t.lo.up)) continue;
    const owner = t.owners.find((o) => o.link.ns === t.p.from);
    if (!owner || owner.link.name === t.p.iface) continue;
    const move = owner.link.kind === 'veth' && peerLink(ctx.state, owner.link)?.name === t.p.iface;
    out.push({
      id: `martian:${t.p.from}:${t.p.target}`,
      weight: 90,
      covers: [neighId(t.p)],
      text: ctx.t(move ? 'martianVethPair' : 'martianLocal', {
        target: t.p.target,
        owner: owner.link.name,
        iface: t.p.iface,
        ns: ctx.ns(t.p.from),
        route: inNs(t.p.from, `ip route get ${t.p.target}`),
        fix: move ? seq(nsExists(ctx.state, 'ns0') ? '' : 'ip netns add ns0', inNs(t.p.from, `ip link set ${owner.link.name} netns ns0`)) : inNs(t.p.from, `ping -c 1 ${t.p.target}`),
      }),
    });
  }
  return out;
};

/** No route in the source namespace: no address there in the target's subnet (or only a /32, or on a down interface). */
export const noRouteToTarget: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of failedPings(ctx)) {
    if (t.local || t.route || t.p.iface) continue;
    const here = linksIn(ctx.state, t.p.from).filter((l) => l.name !== 'lo');
    const id = `noroute:${t.p.from}:${t.p.target}`;
    const covers = [neighId(t.p)];
    const downWithAddr = here.find((l) => !l.up && l.addrs.some((a) => inSubnet(t.p.target, a.local, a.prefixlen)));
    if (downWithAddr) {
      out.push({ id, weight: 86, covers: [...covers, `linkdown:${t.p.from}:${downWithAddr.name}`], text: ctx.t('noRouteDown', { ns: ctx.ns(t.p.from), target: t.p.target, dev: downWithAddr.name, fix: inNs(t.p.from, `ip link set up ${downWithAddr.name}`) }) });
      continue;
    }
    const host32 = here.flatMap((l) => l.addrs.filter((a) => a.prefixlen === 32 && inSubnet(t.p.target, a.local, 24)).map((a) => ({ l, a })))[0];
    if (host32) {
      const want = `${host32.a.local}/24`;
      out.push({ id, weight: 86, covers, text: ctx.t('noRoutePrefix32', { ns: ctx.ns(t.p.from), target: t.p.target, dev: host32.l.name, have: cidrOf(host32.a), fix: seq(inNs(t.p.from, `ip addr del ${cidrOf(host32.a)} dev ${host32.l.name}`), inNs(t.p.from, `ip addr add ${want} dev ${host32.l.name}`)) }) });
      continue;
    }
    // The target is beyond this namespace's links: it needs a route through a router, not an address.
    const sameSegment = here.find((l) => t.owners.some((o) => l2Segment(ctx.state, l).includes(o.link)));
    if (t.owners.length && !sameSegment) {
      const router = routersToward(ctx.state, t.p.from, t.p.target)[0];
      if (router) out.push({ id, weight: 86, covers, text: ctx.t('noRouteViaRouter', { ns: ctx.ns(t.p.from), target: t.p.target, via: router.via, router: ctx.ns(router.ns), dev: router.dev, fix: inNs(t.p.from, `ip route add default via ${router.via} dev ${router.dev}`) }) });
      continue;
    }
    // Suggest an address for the interface that leads toward the target.
    const lead = sameSegment ?? here.find((l) => l.kind === 'veth' && !l.addrs.length) ?? here.find((l) => !l.addrs.length) ?? here[0];
    const owner = t.owners[0];
    const len = owner?.addr.prefixlen ?? 24;
    if (lead) {
      const model = ctx.reference.map((r) => ({ r, ip: parseIp(r.argv) })).find(({ r, ip }) => r.ns === t.p.from && ip?.object === 'address' && ip.verb === 'add' && ip.dev === lead.name && ip.positional[0]);
      const cidr = model ? model.ip!.positional[0] : `${freeAddressIn(ctx.state, t.p.target, len)}/${len}`;
      out.push({ id, weight: 84, covers, text: ctx.t('noRouteNoAddr', { ns: ctx.ns(t.p.from), target: t.p.target, dev: lead.name, fix: seq(lead.up ? '' : inNs(t.p.from, `ip link set up ${lead.name}`), inNs(t.p.from, `ip addr add ${cidr} dev ${lead.name}`)) }) });
    } else out.push({ id, weight: 80, covers, text: ctx.t('noRouteNoInterface', { ns: ctx.ns(t.p.from), target: t.p.target }) });
  }
  return out;
};

/** The route goes through a gateway that is not there, or cannot reach the target; another router on the link can. */
export const wrongGateway: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of failedPings(ctx)) {
    const gw = t.route?.gateway;
    if (t.local || !gw || !t.egress) continue;
    const holder = l2Segment(ctx.state, t.egress).find((l) => l.ns !== t.p.from && l.addrs.some((a) => a.local === gw));
    if (holder && (isLocal(ctx.state, holder.ns, t.p.target) || routeFor(ctx.state, holder.ns, t.p.target))) continue;
    const router = routersToward(ctx.state, t.p.from, t.p.target).find((r) => r.dev === t.egress!.name) ?? routersToward(ctx.state, t.p.from, t.p.target)[0];
    if (!router) continue;
    out.push({
      id: `gateway:${t.p.from}:${t.route!.dst}`,
      weight: 88,
      covers: [neighId(t.p), `neigh:${t.p.from}:${gw}`],
      text: ctx.t(holder ? 'gatewayCannotReach' : 'gatewayNobody', { ns: ctx.ns(t.p.from), target: t.p.target, gw, there: holder ? ctx.ns(holder.ns) : '', via: router.via, router: ctx.ns(router.ns), dev: router.dev, fix: inNs(t.p.from, `ip route replace ${t.route!.dst} via ${router.via} dev ${router.dev}`) }),
    });
  }
  return out;
};

/** The ping must leave through a down interface. */
export const egressDown: Rule = (ctx) =>
  failedPings(ctx)
    .filter((t) => !t.local && t.egress && !t.egress.up)
    .map((t) => ({ ...downFinding(ctx, t.egress!, 84), covers: [neighId(t.p)] }));

/** The bridge-port trap: an address on a port; the ARP reply goes to the bridge, the port's entry stays INCOMPLETE. */
export const bridgePortTrap: Rule = (ctx) => {
  const out: Finding[] = [];
  const trap = (port: LinkState, addr: Addr, wanted: string, direction: 'out' | 'reply', p: PingAttempt) => {
    const bridge = linksIn(ctx.state, port.ns).find((l) => l.name === port.master);
    const onBridge = bridge?.addrs.some((a) => inSubnet(addr.local, a.local, a.prefixlen));
    const fix = onBridge ? inNs(port.ns, `ip addr del ${cidrOf(addr)} dev ${port.name}`) : seq(inNs(port.ns, `ip addr del ${cidrOf(addr)} dev ${port.name}`), inNs(port.ns, `ip addr add ${cidrOf(addr)} dev ${port.master}`));
    const neigh = neighOf(ctx.state, port.ns, port.name, wanted);
    out.push({
      id: `trap:${port.ns}:${port.name}`,
      weight: 93,
      covers: [neighId(p), `subnet2:${port.ns}:*`],
      text: ctx.t(direction === 'out' ? 'bridgePortTrap' : 'bridgePortTrapReply', {
        port: port.name,
        bridge: port.master!,
        ns: ctx.ns(port.ns),
        addr: cidrOf(addr),
        target: wanted,
        state: neigh?.state.join(' ') || 'INCOMPLETE',
        fix,
      }),
    });
  };
  for (const t of failedPings(ctx)) {
    if (t.local) continue;
    if (t.egress?.master && t.egress.up && t.source) {
      trap(t.egress, t.source, t.p.target, 'out', t.p);
      continue;
    }
    // The request gets there; the reply must leave through a port.
    if (!t.source) continue;
    for (const o of t.owners) {
      const back = routeFor(ctx.state, o.link.ns, t.source.local);
      const port = back && linksIn(ctx.state, o.link.ns).find((l) => l.name === back.dev);
      const portAddr = port && addrToward(port, t.source.local);
      if (port?.master && portAddr) trap(port, portAddr, t.source.local, 'reply', t.p);
    }
  }
  return out;
};

/** Egress up but no carrier: the veth's other end is down. */
export const peerDown: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of failedPings(ctx)) {
    if (t.local || !t.egress?.up || t.egress.carrier || t.egress.kind !== 'veth') continue;
    const peer = peerLink(ctx.state, t.egress);
    if (!peer || peer.up) continue;
    out.push({
      id: `linkdown:${peer.ns}:${peer.name}`,
      weight: 87,
      covers: [neighId(t.p)],
      text: ctx.t('peerDown', { dev: t.egress.name, peer: peer.name, ns: ctx.ns(peer.ns), fix: inNs(peer.ns, `ip link set up ${peer.name}`) }),
    });
  }
  return out;
};

/** Nobody in the lab has the target address; say what the far end has instead. */
export const targetNowhere: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of failedPings(ctx)) {
    if (t.local || t.owners.length || !t.egress) continue;
    const far = t.egress.kind === 'veth' ? peerLink(ctx.state, t.egress) : undefined;
    const holder = far?.master ? linksIn(ctx.state, far.ns).find((l) => l.name === far.master) : far;
    const len = t.source?.prefixlen ?? 24;
    const id = `nobody:${t.p.target}`;
    const covers = [neighId(t.p)];
    // A typed ping to an address nobody has: that target is what made the command fail.
    const claims = typedClaims(t.p);
    if (holder && !holder.addrs.length)
      out.push({ id, weight: 82, covers, claims, text: ctx.t('targetNoAddrFarEnd', { target: t.p.target, dev: holder.name, ns: ctx.ns(holder.ns), fix: inNs(holder.ns, `ip addr add ${t.p.target}/${len} dev ${holder.name}`) }) });
    else if (holder)
      out.push({ id, weight: 80, covers, claims, text: ctx.t('targetOtherAddrFarEnd', { target: t.p.target, dev: holder.name, ns: ctx.ns(holder.ns), have: holder.addrs.map(cidrOf).join(', '), fix: inNs(t.p.from, `ping -c 1 ${holder.addrs[0].local}`) }) });
    else out.push({ id, weight: 70, covers, claims, text: ctx.t('targetNowhere', { target: t.p.target }) });
  }
  return out;
};

/** The interface holding the target address is down. */
export const targetOwnerDown: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of failedPings(ctx)) {
    if (t.local) continue;
    for (const o of t.owners) if (!o.link.up) out.push({ ...downFinding(ctx, o.link, 83), covers: [neighId(t.p)] });
  }
  return out;
};

/** The request arrives, but the target's namespace has no route back to the source. */
export const noReturnRoute: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of failedPings(ctx)) {
    if (t.local || !t.source) continue;
    for (const o of t.owners) {
      if (!o.link.up || isLocal(ctx.state, o.link.ns, t.source.local) || routeFor(ctx.state, o.link.ns, t.source.local)) continue;
      const want = `${o.addr.local}/${t.source.prefixlen}`;
      const id = `noreturn:${o.link.ns}:${t.source.local}`;
      // A prefix fix only makes sense between two ends of one link; across a router the way back is a route, or a translated source.
      if (!inSubnet(o.addr.local, t.source.local, t.source.prefixlen)) {
        out.push({ id, weight: 84, covers: [neighId(t.p)], text: ctx.t('noReturnRouteRouted', { ns: ctx.ns(o.link.ns), source: t.source.local }) });
        continue;
      }
      out.push({
        id,
        weight: 84,
        covers: [neighId(t.p)],
        text: ctx.t('noReturnRoute', { ns: ctx.ns(o.link.ns), source: t.source.local, dev: o.link.name, have: cidrOf(o.addr), fix: seq(inNs(o.link.ns, `ip addr del ${cidrOf(o.addr)} dev ${o.link.name}`), inNs(o.link.ns, `ip addr add ${want} dev ${o.link.name}`)) }),
      });
    }
  }
  return out;
};

/** Last resort: the neighbour entry shows the ARP request went unanswered. */
export const neighbourUnresolved: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of failedPings(ctx)) {
    if (!t.egress) continue;
    const next = t.route?.gateway ?? t.p.target;
    const n = neighOf(ctx.state, t.p.from, t.egress.name, next);
    if (!n || isResolved(n)) continue;
    const failed = n.state.includes('FAILED');
    out.push({
      id: neighId(t.p),
      weight: 40,
      // Forgetting the entry is the fix only for a FAILED one; an INCOMPLETE one is still being asked for, and its text offers no command.
      text: ctx.t(failed ? 'neighFailed' : 'neighIncomplete', { target: next, dev: t.egress.name, ns: ctx.ns(t.p.from), ...(failed ? { fix: inNs(t.p.from, `ip neigh flush dev ${t.egress.name}`) } : {}), watch: inNs(t.p.from, `tcpdump -n -i ${t.egress.name} arp`) }),
    });
  }
  return out;
};

export const reachabilityRules = {
  pingFromMissingNamespace,
  loDownOwnAddress,
  localTargetViaInterface,
  noRouteToTarget,
  wrongGateway,
  egressDown,
  bridgePortTrap,
  peerDown,
  targetNowhere,
  targetOwnerDown,
  noReturnRoute,
  neighbourUnresolved,
};
