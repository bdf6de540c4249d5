/**
 * Rules comparing failed `link` and `netns` expectations with the live state:
 * an interface missing, extra, in the wrong namespace, or down.
 */
import { creatorOf } from './command-errors.js';
import { closest, inNs, linksIn, linksNamed, nsExists, parseIp, peerLink, seq, type Ctx, type Finding, type Rule } from './context.js';
import type { LinkState } from '../../lab/state.js';

/** The namespace to name in `ip link set X netns …` to send X to `ns`. */
function netnsArg(ns: string): string {
  return ns === 'host' ? '1' : ns;
}

/** A command that moves `link` to namespace `to`, creating `to` first when needed. */
export function moveCommand(ctx: Ctx, link: LinkState, to: string): string {
  return seq(nsExists(ctx.state, to) ? '' : `ip netns add ${to}`, inNs(link.ns, `ip link set ${link.name} netns ${netnsArg(to)}`));
}

function pairId(a: LinkState, b: LinkState): string {
  return `wrongend:${[a.name, b.name].sort().join('+')}`;
}

/** The usual name of a veth's other end: veth0-0 <-> veth0-1. */
export function guessPeerName(name: string): string {
  if (/-0$/.test(name)) return name.replace(/-0$/, '-1');
  if (/-1$/.test(name)) return name.replace(/-1$/, '-0');
  return `${name}p`;
}

/** A link the step wants exactly where it is: no rule may tell the learner to move it away or rename it. */
function wantedWhereItIs(ctx: Ctx, l: LinkState): boolean {
  return ctx.input.step.expect.some((x) => x.kind === 'link' && x.exists && x.name === l.name && x.in === l.ns);
}

/** veth0-0 went into ns0 where veth0-1 was meant to: the wrong end of the pair was moved. */
export const wrongVethEndMoved: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('link')) {
    if (!e.exists || e.in === 'host') continue;
    const meant = linksNamed(ctx.state, e.name).find((l) => l.ns !== e.in && !wantedWhereItIs(ctx, l));
    if (!meant || meant.kind !== 'veth') continue;
    const peer = peerLink(ctx.state, meant);
    if (!peer || peer.ns !== e.in) continue;
    const fix = seq(inNs(peer.ns, `ip link set ${peer.name} netns ${netnsArg(meant.ns)}`), inNs(meant.ns, `ip link set ${meant.name} netns ${e.in}`));
    out.push({ id: pairId(meant, peer), weight: 92, text: ctx.t('wrongVethEnd', { dev: e.name, peer: peer.name, ns: ctx.ns(e.in), home: ctx.ns(meant.ns), fix }), covers: [`where:${e.name}`, `where:${peer.name}`, `linkdown:${e.in}:${e.name}`, `extra:${meant.ns}:${meant.name}`] });
  }
  // The same mistake seen from the other end's expectation: "veth0-0 is in host" fails.
  for (const { e } of ctx.failedOf('link')) {
    if (!e.exists) continue;
    const moved = linksNamed(ctx.state, e.name).find((l) => l.ns !== e.in && !wantedWhereItIs(ctx, l));
    const peer = moved && peerLink(ctx.state, moved);
    if (!moved || !peer || peer.ns !== e.in || moved.ns === 'host') continue;
    const wanted = ctx.input.checks.find((c) => c.expectation.kind === 'link' && c.expectation.name === peer.name && c.expectation.in === moved.ns);
    if (!wanted) continue;
    const fix = seq(inNs(moved.ns, `ip link set ${moved.name} netns ${netnsArg(e.in)}`), inNs(peer.ns, `ip link set ${peer.name} netns ${moved.ns}`));
    out.push({ id: pairId(moved, peer), weight: 92, text: ctx.t('wrongVethEnd', { dev: peer.name, peer: moved.name, ns: ctx.ns(moved.ns), home: ctx.ns(e.in), fix }), covers: [`where:${e.name}`, `where:${peer.name}`, `extra:${peer.ns}:${peer.name}`] });
  }
  return out;
};

/** The interface exists, but in another namespace than expected. */
export const linkInOtherNamespace: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('link')) {
    if (!e.exists || linksIn(ctx.state, e.in).some((l) => l.name === e.name)) continue;
    const other = linksNamed(ctx.state, e.name).find((l) => !wantedWhereItIs(ctx, l));
    if (!other) continue;
    out.push({ id: `where:${e.name}`, weight: 85, text: ctx.t('linkElsewhere', { dev: e.name, there: ctx.ns(other.ns), want: ctx.ns(e.in), fix: moveCommand(ctx, other, e.in) }), covers: [`missing:${e.in}:${e.name}`, `extra:${other.ns}:${e.name}`] });
  }
  return out;
};

/** Where the step wants a link, the other end of a wanted veth sits under another name (`peer name eth1` for eth0): rename it. */
export const peerMisnamed: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('link')) {
    if (!e.exists || linksIn(ctx.state, e.in).some((l) => l.name === e.name)) continue;
    for (const l of linksIn(ctx.state, e.in)) {
      if (l.kind !== 'veth' || wantedWhereItIs(ctx, l)) continue;
      const peer = peerLink(ctx.state, l);
      if (!peer || !wantedWhereItIs(ctx, peer)) continue;
      const fix = inNs(e.in, `ip link set dev ${l.name} name ${e.name}`);
      out.push({ id: `misnamed:${e.in}:${e.name}`, weight: 88, text: ctx.t('peerMisnamed', { dev: l.name, peer: peer.name, ns: ctx.ns(e.in), want: e.name, fix }), covers: [`missing:${e.in}:${e.name}`, `where:${e.name}`] });
      break;
    }
  }
  return out;
};

/** The interface is nowhere: maybe a near name exists, else say how the step creates it. */
export const linkMissing: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('link')) {
    if (!e.exists || linksNamed(ctx.state, e.name).length) continue;
    const id = `missing:${e.in}:${e.name}`;
    // A name the step itself expects is no typo of another one.
    const expected = new Set(ctx.input.step.expect.flatMap((x) => (x.kind === 'link' && x.exists ? [x.name] : [])));
    const near = closest(e.name, ctx.state.links.map((l) => l.name).filter((n) => !expected.has(n)));
    if (near) {
      const link = linksNamed(ctx.state, near)[0];
      out.push({ id, weight: 75, text: ctx.t('linkMissingNear', { dev: e.name, near, there: ctx.ns(link.ns), fix: inNs(link.ns, `ip link set ${near} name ${e.name}`) }) });
      continue;
    }
    const creator = creatorOf(ctx, e.name);
    const fix = creator ? inNs(creator.ns, creator.argv.join(' ')) : e.name.startsWith('br') ? inNs(e.in, `ip link add ${e.name} type bridge`) : inNs(e.in, `ip link add ${e.name} type veth peer name ${guessPeerName(e.name)}`);
    const bridge = creator ? /type bridge|addbr/.test(creator.text) : e.name.startsWith('br');
    const up = e.up === true ? inNs(e.in, `ip link set up ${e.name}`) : '';
    out.push({ id, weight: 60, text: ctx.t(bridge ? 'linkMissingBridge' : 'linkMissing', { dev: e.name, want: ctx.ns(e.in), fix: seq(fix, up) }) });
  }
  return out;
};

/** An interface that should be gone is still there. */
export const linkUnexpected: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('link')) {
    if (e.exists) continue;
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.name);
    if (!link) continue;
    // Where the step wants it instead, if anywhere: then it should move, not vanish.
    const there = ctx.input.step.expect.find((x) => x.kind === 'link' && x.name === e.name && x.exists && x.in !== e.in);
    if (there && there.kind === 'link') out.push({ id: `extra:${e.in}:${e.name}`, weight: 70, text: ctx.t('linkStillHereMove', { dev: e.name, here: ctx.ns(e.in), fix: moveCommand(ctx, link, there.in) }) });
    else out.push({ id: `extra:${e.in}:${e.name}`, weight: 65, text: ctx.t('linkStillHere', { dev: e.name, here: ctx.ns(e.in), fix: inNs(e.in, `ip link del ${e.name}`) }) });
  }
  return out;
};

/** Why an interface is down, in the words of how it got there. */
export function downReason(ctx: Ctx, link: LinkState): { key: 'downLo' | 'downMoved' | 'downBridge' | 'downNew'; fix: string } {
  const fix = inNs(link.ns, `ip link set up ${link.name}`);
  if (link.kind === 'loopback' || link.name === 'lo') return { key: 'downLo', fix };
  const peer = peerLink(ctx.state, link);
  if (link.kind === 'veth' && peer && peer.ns !== link.ns) return { key: 'downMoved', fix };
  if (link.kind === 'bridge') return { key: 'downBridge', fix };
  return { key: 'downNew', fix };
}

export function downFinding(ctx: Ctx, link: LinkState, weight = 75): Finding {
  const { key, fix } = downReason(ctx, link);
  return { id: `linkdown:${link.ns}:${link.name}`, weight, text: ctx.t(key, { dev: link.name, ns: ctx.ns(link.ns), fix }) };
}

/** `up: true` failed: the interface is down. */
export const linkDown: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('link')) {
    if (!e.exists || e.up !== true) continue;
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.name);
    if (link && !link.up) out.push(downFinding(ctx, link));
  }
  return out;
};

/** `up: false` failed: the interface is still up. */
export const linkUnexpectedlyUp: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('link')) {
    if (!e.exists || e.up !== false) continue;
    const link = linksIn(ctx.state, e.in).find((l) => l.name === e.name);
    if (link?.up) out.push({ id: `linkup:${e.in}:${e.name}`, weight: 65, text: ctx.t('linkStillUp', { dev: e.name, ns: ctx.ns(e.in), fix: inNs(e.in, `ip link set down ${e.name}`) }) });
  }
  return out;
};

/** A command acted on the right interface name in the wrong namespace (lo, most often). */
export const commandInWrongNamespace: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('link')) {
    if (!e.exists) continue;
    const target = linksIn(ctx.state, e.in).find((l) => l.name === e.name);
    if (!target) continue;
    for (const seg of ctx.segments) {
      const ip = parseIp(seg.argv);
      if (ip?.object !== 'link' || ip.verb !== 'set' || ip.dev !== e.name || seg.ns === e.in) continue;
      if (!linksIn(ctx.state, seg.ns).some((l) => l.name === e.name)) continue; // it failed there: deviceNotFound says so
      const flags = [...ip.flags].join(' ');
      out.push({ id: `wrongns:${e.in}:${e.name}`, weight: 94, covers: [`linkdown:${e.in}:${e.name}`], text: ctx.t('ranInOtherNs', { dev: e.name, ran: ctx.ns(seg.ns), want: ctx.ns(e.in), cmd: seg.text, fix: inNs(e.in, `ip link set ${flags || 'up'} ${e.name}`) }) });
      break;
    }
  }
  return out;
};

/** `netns: ns0` failed either way. */
export const namespaceState: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const { e } of ctx.failedOf('netns')) {
    const id = `ns:${e.name}`;
    if (e.exists) {
      const near = closest(e.name, ctx.state.namespaces);
      if (near) out.push({ id, weight: 75, text: ctx.t('nsMissingNear', { name: e.name, near, fix: `ip netns add ${e.name}` }) });
      else out.push({ id, weight: 65, text: ctx.t('nsMissing', { name: e.name, fix: `ip netns add ${e.name}` }) });
    } else out.push({ id, weight: 65, text: ctx.t('nsStillThere', { name: e.name, fix: `ip netns del ${e.name}` }) });
  }
  return out;
};

export const linkRules = {
  wrongVethEndMoved,
  peerMisnamed,
  linkInOtherNamespace,
  linkMissing,
  linkUnexpected,
  linkDown,
  linkUnexpectedlyUp,
  commandInWrongNamespace,
  namespaceState,
};
