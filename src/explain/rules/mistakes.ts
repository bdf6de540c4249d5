/**
 * Rules for what learners do rather than what the lab lacks: a command that
 * never ends by itself and was killed by the step's timeout, and a command
 * that undid what was already right (deleted a pair, a namespace, unplugged a
 * port), read from the state before and after it.
 */
import { joinList } from '../../i18n/index.js';
import type { LabState, LinkState } from '../../lab/state.js';
import { judgesCommands } from '../../checks/registry.js';
import { cidrOf, inNs, isReadOnlyCommand, linksIn, nsExists, peerLink, seq, shellQuote, type Ctx, type Finding, type Rule, type Segment } from './context.js';
import { replyCount } from './reachability.js';

/** Programs that run until stopped unless told how many packets to handle. */
const ENDLESS: Record<string, { flag: string; add: string[] }> = {
  ping: { flag: '-c', add: ['-c', '1'] },
  tcpdump: { flag: '-c', add: ['-c', '1'] },
};

/** A ping's arguments with its count set to 1 (`-c N` and `-cN` alike). */
function onePing(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') i++;
    else if (!args[i].startsWith('-c')) out.push(args[i]);
  }
  return ['-c', '1', ...out];
}

/** A command killed by the step's timeout: say so, what it printed, and how to make it end. */
export const killedByTimeout: Rule = (ctx) => {
  const out: Finding[] = [];
  ctx.input.commands.forEach((r, index) => {
    if (!r.timedOut) return;
    const seg = ctx.segments.find((s) => s.index === index && ENDLESS[s.argv[0]] && !s.argv.some((a) => a === ENDLESS[s.argv[0]].flag || a.startsWith(ENDLESS[s.argv[0]].flag))) ?? ctx.segments.find((s) => s.index === index);
    if (!seg) return;
    const secs = Math.round(ctx.input.step.timeout);
    const id = `timeout:${index}`;
    const has = (flag: string) => seg.argv.some((a) => a === flag || a.startsWith(flag));
    const replies = replyCount(r.output) ?? 0;
    // The whole command line again, with this segment's arguments changed.
    const lineWith = (argv: string[]) => seq(...ctx.segments.filter((s) => s.index === index).map((s) => inNs(s.ns, (s === seg ? argv : s.argv).map(shellQuote).join(' '))));
    const killedPing = { id, weight: 97, claims: [id], covers: ['noroute:*', 'neigh:*', 'nobody:*'] };
    if (seg.argv[0] === 'ping' && has('-c') && !has('-W') && !has('-w')) {
      // Counted, yet too slow: a packet a second up to the count, then up to 10 s (ping's default -W) for the last reply.
      out.push({ ...killedPing, text: ctx.t('pingKilledCounted', { cmd: seg.text, secs, fix: lineWith(['ping', '-W', '1', ...onePing(seg.argv.slice(1))]) }, { fixLooks: true }) });
    } else if (seg.argv[0] === 'ping' && !has('-c')) {
      const fix = lineWith([seg.argv[0], ...ENDLESS.ping.add, ...seg.argv.slice(1)]);
      out.push({ ...killedPing, text: ctx.t(replies ? 'pingKilledReplies' : 'pingKilledNoReply', { cmd: seg.text, secs, n: replies, fix }, { fixLooks: true }) });
    } else out.push({ id, weight: 90, claims: [id], text: ctx.t('commandKilled', { cmd: seg.text, secs }) });
  });
  return out;
};

/** What a link was before the command, if the command deleted or changed it. */
interface Undone {
  before: LinkState;
  after?: LinkState;
}

function sameLink(a: LinkState, b: LinkState): boolean {
  return a.ns === b.ns && a.name === b.name;
}

function hasOwnMac(l: LinkState): boolean {
  return !!l.mac && l.mac !== '00:00:00:00:00:00';
}

function wordsOf(c: { expectation: object }): string[] {
  return Object.values(c.expectation).flatMap((v) => (typeof v === 'string' ? [v.split('/')[0]] : []));
}

/** Names and addresses the failed checks are about. */
function checkedWords(ctx: Ctx): Set<string> {
  return new Set(ctx.failed.flatMap(wordsOf));
}

/** The failed checks about any of these links (their names, addresses or bridges), as claims. */
function claimsFor(ctx: Ctx, links: LinkState[]): string[] {
  const names = new Set(links.flatMap((l) => [l.name, ...l.addrs.map((a) => a.local), ...(l.master ? [l.master] : [])]));
  return ctx.input.checks.flatMap((c, i) => (!c.passed && wordsOf(c).some((w) => names.has(w)) ? [`check:${i}`] : []));
}

/** The commands that rebuild a deleted veth pair as it was: both ends, their namespaces, addresses, ports and states. */
function rebuildPair(before: LabState, a: LinkState): string {
  const b = peerLink(before, a);
  if (!b) return '';
  const steps: string[] = [`ip link add ${a.name} type veth peer name ${b.name}`];
  for (const end of [a, b]) {
    if (end.ns !== 'host') steps.push(`ip link set ${end.name} netns ${end.ns}`);
    for (const addr of end.addrs) steps.push(inNs(end.ns, `ip addr add ${cidrOf(addr)} dev ${end.name}`));
    if (end.master) steps.push(inNs(end.ns, `ip link set ${end.name} master ${end.master}`));
    if (end.up) steps.push(inNs(end.ns, `ip link set up ${end.name}`));
  }
  return seq(...steps);
}

/** The command deleted (or unplugged, or switched off) what a failed check needs, and that was right before it. */
export const undoneByCommand: Rule = (ctx) => {
  const before = ctx.input.before;
  if (!before) return [];
  const words = checkedWords(ctx);
  const cmd = ctx.segments.map((s) => s.text).join(' && ');
  const out: Finding[] = [];
  // A link that only moved to another namespace or was renamed keeps its MAC: it is not gone.
  const stillThere = (l: LinkState) => ctx.state.links.some((n) => sameLink(n, l) || (hasOwnMac(l) && n.mac === l.mac && n.kind === l.kind));
  const gone: Undone[] = before.links.filter((l) => l.name !== 'lo' && !stillThere(l)).map((l) => ({ before: l }));
  const relevant = (l: LinkState) => words.has(l.name) || l.addrs.some((a) => words.has(a.local)) || (l.master !== undefined && words.has(l.master));
  // Namespaces the command deleted, with everything that was in them.
  for (const ns of before.namespaces.filter((n) => !ctx.state.namespaces.includes(n))) {
    const lost = gone.filter((g) => g.before.ns === ns || (g.before.kind === 'veth' && peerLink(before, g.before)?.ns === ns));
    if (!words.has(ns) && !lost.some((g) => relevant(g.before))) continue;
    const covers = ['missing:*', 'where:*', 'ns:*', 'nobody:*', 'noroute:*', 'dev:*'];
    if (lost.length === 0) {
      // Nothing but its own lo was in it: no pair died, and creating it again (lo as it was) is the whole repair.
      const lo = before.links.find((l) => l.ns === ns && l.name === 'lo');
      const fix = seq(`ip netns add ${ns}`, ...(lo?.up ? [inNs(ns, 'ip link set up lo')] : []), ...ctx.input.step.commands);
      out.push({ id: `deleted:ns:${ns}`, weight: 96, claims: claimsFor(ctx, []), covers, text: ctx.t('deletedEmptyNamespace', { ns, cmd, fix }) });
      continue;
    }
    const names = lost.map((g) => `${g.before.name} (${ctx.ns(g.before.ns)})`).join(', ');
    out.push({ id: `deleted:ns:${ns}`, weight: 96, claims: claimsFor(ctx, lost.map((g) => g.before)), covers, text: ctx.t('deletedNamespace', { ns, cmd, names }) });
  }
  // veth pairs: either end deleted takes both.
  const seenPairs = new Set<string>();
  for (const g of gone) {
    const l = g.before;
    if (!before.namespaces.includes(l.ns) && l.ns !== 'host') continue;
    const peer = l.kind === 'veth' ? peerLink(before, l) : undefined;
    // The namespace of either end went: said above (and rebuilding the pair into it would fail).
    if ([l, peer].some((e) => e && !nsExists(ctx.state, e.ns))) continue;
    if (!relevant(l) && !(peer && relevant(peer))) continue;
    const key = [l.name, peer?.name ?? ''].sort().join('+');
    // A pair is seen from both ends; two links of one name in two namespaces are two findings.
    const seen = [l, peer].map((e) => (e ? `${e.ns}/${e.name}` : '')).sort().join('+');
    if (seenPairs.has(seen)) continue;
    seenPairs.add(seen);
    if (peer) {
      const redo = seq(...ctx.input.step.commands);
      out.push({ id: `deleted:pair:${key}`, weight: 96, claims: claimsFor(ctx, [l, peer]), covers: ['missing:*', 'where:*', 'nobody:*', 'noroute:*', 'dev:*', 'addr:*'], text: ctx.t('deletedPair', { a: l.name, an: ctx.ns(l.ns), b: peer.name, bn: ctx.ns(peer.ns), cmd, fix: seq(rebuildPair(before, l), redo) }) });
    } else out.push({ id: `deleted:${l.ns}:${l.name}`, weight: 95, claims: claimsFor(ctx, [l]), covers: ['missing:*', 'dev:*'], text: ctx.t('deletedLink', { dev: l.name, ns: ctx.ns(l.ns), cmd }) });
  }
  // Still there, but unplugged or switched off by the command.
  for (const l of before.links) {
    const now = linksIn(ctx.state, l.ns).find((n) => n.name === l.name);
    if (!now || !relevant(l)) continue;
    if (l.master && !now.master)
      out.push({ id: `unplugged:${l.ns}:${l.name}`, weight: 95, covers: [`port:${l.name}`, 'learned:*'], claims: claimsFor(ctx, [l]), text: ctx.t('unplugged', { dev: l.name, bridge: l.master, cmd, fix: inNs(l.ns, `ip link set ${l.name} master ${l.master}`) }) });
    if (l.up && !now.up) out.push({ id: `switchedoff:${l.ns}:${l.name}`, weight: 94, covers: [`linkdown:${l.ns}:${l.name}`], claims: claimsFor(ctx, [l]), text: ctx.t('switchedOff', { dev: l.name, ns: ctx.ns(l.ns), cmd, fix: inNs(l.ns, `ip link set up ${l.name}`) }) });
  }
  return out;
};

/**
 * The learner ran this look, or tried to: the same program in the same
 * namespace, at what the look looks at (its last word: a ping's target, a
 * route lookup's address), or one that failed (its error is told elsewhere).
 */
function attempted(look: Segment, s: Segment): boolean {
  return s.ns === look.ns && s.argv[0] === look.argv[0] && (s.argv.includes(look.argv.at(-1) ?? '') || s.result.code !== 0);
}

/**
 * A check on what the commands did (exit status, output, packets) failed, and
 * the learner's command line left out a command of the step that only looks
 * (its ping, its `ip route get`): there was nothing for the check to see.
 */
export const looksNotRun: Rule = (ctx) => {
  const judged = ctx.input.checks.flatMap((c, i) => (!c.passed && judgesCommands(c.expectation) ? [`check:${i}`] : []));
  if (!judged.length) return [];
  const looks = ctx.input.step.commands.flatMap((line, index) => (isReadOnlyCommand(line) ? [{ line, unrun: ctx.reference.filter((r) => r.index === index && !ctx.segments.some((s) => attempted(r, s))) }] : []));
  const missing = looks.filter((l) => l.unrun.length);
  if (!missing.length) return [];
  const fix = seq(...missing.map((l) => l.line));
  // Named by program (and ip's object and verb) and namespace: the whole command is the fix, shown once proven.
  const what = missing.flatMap((l) => l.unrun).map((s) => ctx.t('lookIn', { prog: s.argv.slice(0, ['ip', 'bridge', 'tc'].includes(s.argv[0]) ? 3 : 1).join(' '), ns: ctx.ns(s.ns) }));
  // Saying which command prints it says more than that nothing was printed.
  return [{ id: 'looks-not-run', weight: 88, claims: judged, covers: ['nothing-printed'], text: ctx.t('looksNotRun', { what: joinList(ctx.lang, what), fix }, { fixLooks: true }) }];
};

/** A check looks for something in the output, and the learner's command line printed nothing at all. */
export const nothingPrinted: Rule = (ctx) => {
  const wanted = ctx.input.checks.flatMap((c, i) => (!c.passed && c.expectation.kind === 'output' && c.expectation.matches ? [`check:${i}`] : []));
  const typed = ctx.input.commands.map((r) => r.command).join('\n') !== ctx.input.step.commands.join('\n');
  if (!wanted.length || !typed || !ctx.input.commands.length || ctx.input.commands.some((r) => r.output.trim() !== '')) return [];
  return [{ id: 'nothing-printed', weight: 78, claims: wanted, text: ctx.t('nothingPrinted') }];
};

export const mistakeRules = { killedByTimeout, undoneByCommand, looksNotRun, nothingPrinted };
