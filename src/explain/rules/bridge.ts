/**
 * Rules about bridges: a port not enslaved or on the wrong bridge, a bridge
 * missing, not a bridge, or down; its MAC address and what it has learned.
 */
import { inNs, linksIn, linksNamed, ownersOf, parseIp, peerLink, seq, type Ctx, type Finding, type Rule, type Segment } from './context.js';
import { downFinding, moveCommand } from './links.js';
import type { LinkState } from '../../lab/state.js';

/** The learner (or the lesson) works with brctl: answer in the same tool. */
function usesBrctl(ctx: Ctx): boolean {
  const bridging = (s: Segment) => s.argv[0] === 'brctl' || (s.argv[0] === 'ip' && (parseIp(s.argv)?.opts.master !== undefined || parseIp(s.argv)?.opts.type === 'bridge'));
  const own = ctx.segments.find(bridging);
  if (own) return own.argv[0] === 'brctl';
  return ctx.reference.some((s) => s.argv[0] === 'brctl');
}

function enslaveCmd(ctx: Ctx, ns: string, port: string, bridge: string): string {
  return inNs(ns, usesBrctl(ctx) ? `brctl addif ${bridge} ${port}` : `ip link set ${port} master ${bridge}`);
}

function createBridgeCmd(ctx: Ctx, ns: string, bridge: string): string {
  return inNs(ns, usesBrctl(ctx) ? `brctl addbr ${bridge}` : `ip link add ${bridge} type bridge`);
}

function bridgeIn(ctx: Ctx, ns: string, name: string): LinkState | undefined {
  return linksIn(ctx.state, ns).find((l) => l.name === name);
}

/** The bridge of a port expectation does not exist (or is no bridge). */
export const bridgeMissing: Rule = (ctx) => {
  const out: Finding[] = [];
  const wanted = [...ctx.failedOf('port').filter(({ e }) => e.exists).map(({ e }) => ({ ns: e.in, bridge: e.bridge })), ...ctx.failedOf('learned').map(({ e }) => ({ ns: e.in, bridge: e.bridge }))];
  for (const { ns, bridge } of wanted) {
    const b = bridgeIn(ctx, ns, bridge);
    if (!b) {
      out.push({ id: `missing:${ns}:${bridge}`, weight: 70, text: ctx.t('bridgeMissing', { bridge, ns: ctx.ns(ns), fix: seq(createBridgeCmd(ctx, ns, bridge), inNs(ns, `ip link set up ${bridge}`)) }) });
    } else if (b.kind !== 'bridge') {
      out.push({ id: `notbridge:${ns}:${bridge}`, weight: 85, text: ctx.t('notABridge', { bridge, kind: b.kind || '?', fix: seq(inNs(ns, `ip link del ${bridge}`), createBridgeCmd(ctx, ns, bridge)) }) });
    }
  }
  return out;
};

/** The interface is in the bridge's namespace but is not a port of any bridge. */
export const portNotEnslaved: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('port')) {
    if (!e.exists) continue;
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.name);
    if (!link) {
      const other = linksNamed(ctx.state, e.name)[0];
      if (other) out.push({ id: `where:${e.name}`, weight: 85, text: ctx.t('portElsewhere', { dev: e.name, there: ctx.ns(other.ns), bridge: e.bridge, want: ctx.ns(e.in), fix: seq(moveCommand(ctx, other, e.in), enslaveCmd(ctx, e.in, e.name, e.bridge)) }) });
      continue;
    }
    if (link.master) continue;
    const b = bridgeIn(ctx, e.in, e.bridge);
    if (b && b.kind !== 'bridge') continue;
    const fix = b ? enslaveCmd(ctx, e.in, e.name, e.bridge) : seq(createBridgeCmd(ctx, e.in, e.bridge), enslaveCmd(ctx, e.in, e.name, e.bridge));
    out.push({ id: `port:${e.name}`, weight: 75, text: ctx.t('portNotEnslaved', { dev: e.name, bridge: e.bridge, fix }) });
  }
  return out;
};

/** The interface is a port, but of another bridge. */
export const portOnWrongBridge: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('port')) {
    if (!e.exists) continue;
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.name);
    if (!link?.master || link.master === e.bridge) continue;
    const fix = usesBrctl(ctx) ? inNs(e.in, `brctl delif ${link.master} ${e.name} && brctl addif ${e.bridge} ${e.name}`) : inNs(e.in, `ip link set ${e.name} master ${e.bridge}`);
    out.push({ id: `port:${e.name}`, weight: 80, text: ctx.t('portWrongBridge', { dev: e.name, bridge: e.bridge, other: link.master, fix }) });
  }
  return out;
};

/** `exists: false` failed: the interface is still a port of that bridge. */
export const portStillEnslaved: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('port')) {
    if (e.exists) continue;
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.name);
    if (link?.master !== e.bridge) continue;
    out.push({ id: `port:${e.name}`, weight: 70, text: ctx.t('portStillEnslaved', { dev: e.name, bridge: e.bridge, fix: inNs(e.in, usesBrctl(ctx) ? `brctl delif ${e.bridge} ${e.name}` : `ip link set ${e.name} nomaster`) }) });
  }
  return out;
};

function macValue(mac: string): bigint {
  return BigInt('0x' + (mac.replace(/:/g, '') || '0'));
}

/** same-mac failed: a bridge copies the smallest MAC of its ports, once it has ports. */
export const sameMacDiffers: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('same-mac')) {
    const a = linksIn(ctx.state, e.in).find((l) => l.name === e.a);
    const b = linksIn(ctx.state, e.in).find((l) => l.name === e.b);
    if (!a || !b) continue;
    const bridge = a.kind === 'bridge' ? a : b.kind === 'bridge' ? b : undefined;
    if (!bridge) continue;
    const port = bridge === a ? b : a;
    const id = `mac:${bridge.name}:${port.name}`;
    if (port.master !== bridge.name) {
      out.push({ id, weight: 70, covers: [`port:${port.name}`], text: ctx.t('macNotPortYet', { bridge: bridge.name, dev: port.name, fix: enslaveCmd(ctx, e.in, port.name, bridge.name) }) });
      continue;
    }
    const ports = linksIn(ctx.state, e.in).filter((l) => l.master === bridge.name);
    const lowest = ports.reduce((m, l) => (macValue(l.mac) < macValue(m.mac) ? l : m), ports[0]);
    if (lowest && lowest !== port && lowest.mac === bridge.mac) out.push({ id, weight: 70, text: ctx.t('macLowestPort', { bridge: bridge.name, dev: port.name, low: lowest.name, mac: lowest.mac }) });
    else out.push({ id, weight: 60, text: ctx.t('macSetByHand', { bridge: bridge.name, dev: port.name, fix: inNs(e.in, `ip link set ${bridge.name} address ${port.mac}`) }) });
  }
  return out;
};

/** learned failed: the bridge saw no frame from that MAC (not a port, down, or no traffic yet). */
export const notLearned: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('learned')) {
    const bridge = bridgeIn(ctx, e.in, e.bridge);
    const source = linksIn(ctx.state, e.macIn).find((l) => l.name === e.macOf);
    if (!bridge || bridge.kind !== 'bridge' || !source) continue;
    const id = `learned:${e.bridge}:${e.macOf}`;
    const peer = source.kind === 'veth' ? peerLink(ctx.state, source) : undefined;
    if (peer && peer.master !== e.bridge) {
      out.push({ id, weight: 75, text: ctx.t('learnedNotPort', { bridge: e.bridge, dev: e.macOf, peer: peer.name, fix: enslaveCmd(ctx, peer.ns, peer.name, e.bridge) }) });
      continue;
    }
    if (!bridge.up) continue; // bridgeOrPortDown explains
    // Some address beyond the bridge to send a frame to, so that one arrives from the source.
    const target = bridge.addrs[0]?.local ?? linksIn(ctx.state, e.in).flatMap((l) => l.addrs).find((a) => !a.local.startsWith('127.'))?.local ?? '192.168.100.1';
    const fix = inNs(e.macIn, `ping -c 1 -W 1 ${target}`);
    out.push({ id, weight: 65, text: ctx.t('learnedNoTraffic', { bridge: e.bridge, dev: e.macOf, mac: source.mac, ns: ctx.ns(e.macIn), fix }) });
  }
  return out;
};

/** A bridge, or a port of it, is down while a check that needs it failed. */
export const bridgeOrPortDown: Rule = (ctx) => {
  const out: Finding[] = [];
  const namespaces = new Set<string>();
  for (const c of ctx.failed) {
    const e = c.expectation;
    if (e.kind === 'ping') {
      namespaces.add(e.from);
      for (const o of ownersOf(ctx.state, e.target)) namespaces.add(o.link.ns);
    } else if (e.kind === 'learned' || e.kind === 'neigh' || e.kind === 'capture' || e.kind === 'port') namespaces.add(e.in);
  }
  for (const s of ctx.segments) if (s.argv[0] === 'ping' && s.result.code !== 0) namespaces.add(s.ns);
  for (const ns of namespaces)
    for (const l of linksIn(ctx.state, ns)) {
      if (l.up) continue;
      if (l.kind === 'bridge' && linksIn(ctx.state, ns).some((p) => p.master === l.name)) out.push(downFinding(ctx, l, 78));
      else if (l.master) out.push({ id: `linkdown:${ns}:${l.name}`, weight: 78, text: ctx.t('portDown', { dev: l.name, bridge: l.master, fix: inNs(ns, `ip link set up ${l.name}`) }) });
    }
  return out;
};

export const bridgeRules = {
  bridgeMissing,
  portNotEnslaved,
  portOnWrongBridge,
  portStillEnslaved,
  sameMacDiffers,
  notLearned,
  bridgeOrPortDown,
};
