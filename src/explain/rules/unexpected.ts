/**
 * Rules for things that worked when the step expected them not to: a ping that
 * got a reply thanks to a remembered ARP entry, or because a later step's fix
 * is already in place; a neighbour entry still resolved.
 */
import { inNs, isResolved, linksIn, neighOf, type Ctx, type Finding, type Rule } from './context.js';
import { pingAttempts, tracePing, typedClaims, type PingPath } from './reachability.js';

function unexpectedReplies(ctx: Ctx): PingPath[] {
  return pingAttempts(ctx)
    .filter((p) => !p.expectReply && p.replied)
    .map((p) => tracePing(ctx.state, p));
}

/** The ping still works through a bridge port because the neighbour entry from before is still resolved. */
export const staleNeighbourOnPort: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of unexpectedReplies(ctx)) {
    if (t.local || !t.egress?.master) continue;
    const n = neighOf(ctx.state, t.p.from, t.egress.name, t.p.target);
    if (!n || !isResolved(n)) continue;
    out.push({
      id: `stale:${t.p.from}:${t.egress.name}:${t.p.target}`,
      weight: 90,
      claims: typedClaims(t.p),
      text: ctx.t('staleNeighbourOnPort', { target: t.p.target, port: t.egress.name, bridge: t.egress.master, state: n.state.join(' '), mac: n.lladdr ?? '', fix: inNs(t.p.from, `ip neigh flush dev ${t.egress.name}`) }),
    });
  }
  return out;
};

/** The ping works because the address is already on the bridge: a later step's fix was done early. */
export const addressAlreadyOnBridge: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of unexpectedReplies(ctx)) {
    if (t.local || t.egress?.kind !== 'bridge' || !t.source) continue;
    const port = linksIn(ctx.state, t.p.from).find((l) => l.master === t.egress!.name && l.kind === 'veth');
    if (!port) continue;
    const cidr = `${t.source.local}/${t.source.prefixlen}`;
    out.push({
      id: `early:${t.p.from}:${t.egress.name}`,
      weight: 85,
      claims: typedClaims(t.p),
      text: ctx.t('addressAlreadyOnBridge', { bridge: t.egress.name, cidr, port: port.name, fix: inNs(t.p.from, `ip addr del ${cidr} dev ${t.egress.name} && ip addr add ${cidr} dev ${port.name}`) }),
    });
  }
  return out;
};

/** Pinging the namespace's own address works: its lo is already up. */
export const loAlreadyUp: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of unexpectedReplies(ctx)) {
    if (!t.local || !t.lo?.up || t.p.from === 'host') continue;
    out.push({ id: `loup:${t.p.from}`, weight: 85, claims: typedClaims(t.p), text: ctx.t('loAlreadyUp', { ns: ctx.ns(t.p.from), target: t.p.target, fix: inNs(t.p.from, 'ip link set down lo') }) });
  }
  return out;
};

/** The ping was answered by the source namespace itself: the target is one of its own addresses. */
export const answeredLocally: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of unexpectedReplies(ctx)) {
    if (!t.local || t.p.from !== 'host' || t.p.iface) continue;
    const owner = t.owners.find((o) => o.link.ns === t.p.from);
    const meant = ctx.input.step.expect.find((e) => e.kind === 'ping' && e.target === t.p.target && e.from !== t.p.from);
    if (!owner && !meant) continue;
    const from = meant && meant.kind === 'ping' ? meant.from : undefined;
    out.push({
      id: `local:${t.p.from}:${t.p.target}`,
      weight: 70,
      claims: typedClaims(t.p),
      text: ctx.t(from ? 'answeredLocallyMeant' : 'answeredLocally', { target: t.p.target, ns: ctx.ns(t.p.from), dev: owner?.link.name ?? 'lo', meant: from ? ctx.ns(from) : '', fix: from ? inNs(from, `ping -c 1 -W 1 ${t.p.target}`) : '' }),
    });
  }
  return out;
};

/** `resolved: false` failed: the neighbour entry is still resolved from earlier traffic. */
export const neighStillResolved: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('neigh')) {
    if (e.resolved) continue;
    const n = neighOf(ctx.state, e.in, e.dev, e.address);
    if (!n || !isResolved(n)) continue;
    const dev = linksIn(ctx.state, e.in).find((l) => l.name === e.dev);
    out.push({
      id: `stale:${e.in}:${e.dev}:${e.address}`,
      weight: 80,
      text: ctx.t(dev?.master ? 'neighStillResolvedPort' : 'neighStillResolved', { target: e.address, dev: e.dev, bridge: dev?.master ?? '', state: n.state.join(' '), fix: inNs(e.in, `ip neigh flush dev ${e.dev}`) }),
    });
  }
  return out;
};

export const unexpectedRules = {
  staleNeighbourOnPort,
  addressAlreadyOnBridge,
  loAlreadyUp,
  answeredLocally,
  neighStillResolved,
};
