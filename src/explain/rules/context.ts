/**
 * What every diagnosis rule works on: the input, the command lines split into
 * the simple commands they contain (with the namespace each one ran in), and
 * small read-only questions about the lab state. Pure functions only.
 */
import type { Lang } from '../../i18n/index.js';
import type { CommandResult } from '../../lab/sandbox.js';
import { inNs } from '../../lab/in-ns.js';
import { failedAsExpected } from '../../checks/kinds/exit.js';
import type { Addr, LabState, LinkState, NeighEntry, RouteEntry } from '../../lab/state.js';
import type { CheckResult } from '../../checks/result.js';
import type { Expectation } from '../../lesson/types.js';
import type { DiagnosisInput } from '../types.js';
import { msg, msgWithoutFix, sentence, type MsgKey } from '../messages.js';

/** Error lines read per command: the first and the last this many. */
const ERROR_LINES_KEPT = 100;

/** One explanation a rule found. */
export interface Finding {
  /** Identifies what is explained; two findings with one id are one explanation. */
  id: string;
  /** Higher is more specific; findings are shown in decreasing weight. */
  weight: number;
  text: string;
  /** Ids of less specific findings this one makes redundant. */
  covers?: string[];
  /** What happened that it accounts for beyond the names it mentions, e.g. 'timeout:0' for command 0 killed by the step's timeout. */
  claims?: string[];
}

export type Rule = (ctx: Ctx) => Finding[];

/** A simple command out of a command line, with the namespace wrappers taken off. */
export interface Segment {
  /** Index of the command line in `commands`. */
  index: number;
  /** Position of the simple command in its command line. */
  pos: number;
  result: CommandResult;
  /** The simple command as typed. */
  text: string;
  /** Where it ran: 'host' or a named namespace (from `ip netns exec NS`, `ip -n NS`). */
  ns: string;
  sudo: boolean;
  /** Program and arguments, without sudo, `ip netns exec NS` and ip's global options. */
  argv: string[];
}

export type Exp<K extends Expectation['kind']> = Extract<Expectation, { kind: K }>;

export class Ctx {
  readonly failed: CheckResult[];
  readonly segments: Segment[];
  /** Segments of the step's own reference commands (what the lesson meant), ns resolved. */
  readonly reference: Segment[];

  constructor(readonly input: DiagnosisInput) {
    this.failed = input.checks.filter((c) => !c.passed);
    this.segments = input.commands.flatMap((r, index) => splitSegments(r, index));
    this.reference = input.step.commands.flatMap((command, index) => segmentsOf(command, index));
  }

  get state(): LabState {
    return this.input.state;
  }
  get lang(): Lang {
    return this.input.lang;
  }

  /** Fix commands offered by the texts made so far, by text: the fix is not part of the text. */
  readonly fixes = new Map<string, string>();

  /**
   * A message in the learner's language. A `fix` that changes the lab is taken
   * out of the text (it is offered on its own once proven); one that only looks
   * (`ip -br link`) stays in the text, unless `fixLooks`: a command that only
   * looks but is what the step wants run (a counted ping).
   */
  t(key: MsgKey, vars: Record<string, string | number> = {}, opts: { fixLooks?: boolean } = {}): string {
    const fix = vars.fix;
    if (typeof fix !== 'string' || !fix || (!opts.fixLooks && isReadOnlyCommand(fix))) return sentence(this.lang, msg(this.lang, key, vars));
    const text = sentence(this.lang, msgWithoutFix(this.lang, key, vars));
    this.fixes.set(text, fix);
    return text;
  }

  /** "the host namespace" / "ns0", in the learner's language. */
  ns(ns: string): string {
    return ns === 'host' ? msg(this.lang, 'hostNs') : ns;
  }

  failedOf<K extends Expectation['kind']>(kind: K): { check: CheckResult; e: Exp<K> }[] {
    return this.failed.filter((c) => c.expectation.kind === kind).map((c) => ({ check: c, e: c.expectation as Exp<K> }));
  }

  /** Segments of commands whose error output is not expected by a passing exit/output check. */
  get erroredSegments(): Segment[] {
    return this.segments.filter((s) => !this.failureWasExpected(s.index));
  }

  /** The step expects the last command to fail (exit nonzero) and it did. */
  failureWasExpected(index: number): boolean {
    if (index !== this.input.commands.length - 1) return false;
    return failedAsExpected(this.input.checks);
  }

  /** Error lines of all commands that failed unexpectedly, with the command index. */
  errorLines(): { index: number; line: string }[] {
    if (this.errorLinesCache) return this.errorLinesCache;
    const out: { index: number; line: string }[] = [];
    this.input.commands.forEach((r, index) => {
      if (this.failureWasExpected(index)) return;
      const text = r.stderr || (r.code !== 0 ? r.output : '');
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      // A command that printed without end (`yes`) must not make every rule scan tens of thousands of lines.
      const kept = lines.length > 2 * ERROR_LINES_KEPT ? [...lines.slice(0, ERROR_LINES_KEPT), ...lines.slice(-ERROR_LINES_KEPT)] : lines;
      for (const line of kept) out.push({ index, line });
    });
    this.errorLinesCache = out;
    return out;
  }

  private errorLinesCache?: { index: number; line: string }[];

  /**
   * The segment of command `index` that mentions `word`, preferring one for which
   * `fits` holds (e.g. one that ran where the device is missing), else the first segment.
   */
  segmentMentioning(index: number, word: string, fits: (s: Segment) => boolean = () => true): Segment | undefined {
    const segs = this.segments.filter((s) => s.index === index);
    const named = segs.filter((s) => s.argv.includes(word) || s.text.includes(word));
    return named.find(fits) ?? named[0] ?? segs[0];
  }
}

const LOOK_VERBS = new Set(['show', 'list', 'get', 'help']);
const LOOK_PROGRAMS = new Set(['ping', 'tcpdump', 'cat', 'ls', 'ss', 'echo', 'grep', 'arping']);

/** tc's subcommand, matched in tc's own order: `tc qdisc l` is link, `tc qdisc s` and `ls` are show. */
function tcLooks(verb: string): boolean {
  if (['add', 'change', 'replace', 'link', 'delete'].some((v) => v.startsWith(verb))) return false;
  return ['show', 'list', 'lst', 'help'].some((v) => v.startsWith(verb));
}

/** A command line that only looks at the lab: nothing it runs changes it. */
export function isReadOnlyCommand(command: string): boolean {
  const segs = segmentsOf(command);
  return (
    segs.length > 0 &&
    segs.every((s) => {
      const [prog, object, verb] = s.argv;
      if (LOOK_PROGRAMS.has(prog)) return true;
      if (prog === 'ip') return ipObject(object) === 'monitor' || verb === undefined || LOOK_VERBS.has(ipVerb(verb, ipObject(object)) ?? verb);
      if (prog === 'tc') return object === undefined || object === 'monitor' || verb === undefined || tcLooks(verb);
      if (prog === 'bridge') return verb === undefined || LOOK_VERBS.has(verb);
      if (prog === 'brctl') return object === undefined || object.startsWith('show');
      if (prog === 'sysctl') return !s.argv.some((a) => a === '-w' || a.includes('='));
      return false;
    })
  );
}

/** A step's command lines that only look (its ping, its `ip route get`), whole: a `&` or a redirection in them stays. */
export function looksOf(commands: readonly string[]): string[] {
  return commands.filter((c) => isReadOnlyCommand(c));
}

/** What a finding claims to account for a simple command the learner ran (one that is not the step's own). */
export function ranClaim(index: number, pos: number): string {
  return `ran:${index}:${pos}`;
}

/** The simple commands of a command line that has not run (a fix, a lesson's command). */
export function segmentsOf(command: string, index = 0): Segment[] {
  return splitSegments(fakeResult(command), index);
}

function fakeResult(command: string): CommandResult {
  return { command, code: 0, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: '', output: '', durationMs: 0 };
}

// ---------------------------------------------------------------- shell words

/** Splits a command line into simple commands at ; && || | & and newlines, respecting quotes. */
export function splitCommandLine(line: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      cur += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === '\\' && line[i + 1] === '\n') {
      i++;
      cur += ' ';
      continue;
    }
    if (c === '\\') {
      cur += c + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      cur += c;
      continue;
    }
    if (c === ';' || c === '\n' || c === '|' || c === '&') {
      if (line[i + 1] === c && (c === '|' || c === '&')) i++;
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p && !p.startsWith('#'));
}

export function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      has = true;
    } else if (c === '\\') {
      cur += text[++i] ?? '';
      has = true;
    } else if (/\s/.test(c)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

/** Quotes a word for display in a command the learner can paste. */
export function shellQuote(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

const IP_FLAGS = new Set(['-4', '-6', '-j', '-json', '-d', '-details', '-s', '-stats', '-statistics', '-c', '-color', '-br', '-brief', '-p', '-pretty', '-o', '-oneline', '-r', '-resolve', '-a', '-all', '-h', '-human', '-t', '-timestamp', '-ts', '-n0']);

function splitSegments(r: CommandResult, index: number): Segment[] {
  return splitCommandLine(r.command).map((text, pos) => {
    let argv = shellWords(text);
    let ns = 'host';
    let sudo = false;
    for (let guard = 0; guard < 10; guard++) {
      if (argv[0] === 'sudo') {
        sudo = true;
        argv = argv.slice(1);
        while (argv[0]?.startsWith('-')) argv = argv.slice(1);
        continue;
      }
      if ((argv[0] === 'ip' || argv[0] === 'bridge' || argv[0] === 'tc') && argv.length > 1) {
        // Global options before the object.
        let i = 1;
        const kept = [argv[0]];
        while (i < argv.length && argv[i].startsWith('-')) {
          const o = argv[i].replace(/^--/, '-');
          if ((o === '-n' || o === '-netns') && i + 1 < argv.length) {
            ns = argv[i + 1];
            i += 2;
          } else if (o === '-f' || o === '-family' || o === '-b' || o === '-batch') i += 2;
          else if (IP_FLAGS.has(o) || /^-color=/.test(o)) i++;
          else break;
        }
        argv = [...kept, ...argv.slice(i)];
        if (argv[0] === 'ip' && ipObject(argv[1]) === 'netns' && argv[2] === 'exec' && argv.length > 3) {
          ns = argv[3];
          argv = argv.slice(4);
          continue;
        }
      }
      if (argv[0] === 'nsenter') {
        const net = argv.find((a) => a.startsWith('--net=/run/netns/') || a.startsWith('--net=/var/run/netns/'));
        if (net) ns = net.slice(net.lastIndexOf('/') + 1);
        let i = 1;
        while (i < argv.length && argv[i].startsWith('-')) i++;
        argv = argv.slice(i);
        continue;
      }
      break;
    }
    return { index, pos, result: r, text, ns, sudo, argv };
  });
}

const IP_OBJECTS = ['address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'link', 'l2tp', 'fou', 'tunnel', 'tuntap', 'tcpmetrics', 'monitor', 'xfrm', 'mroute', 'netns', 'netconf', 'vrf', 'nexthop'];

/** ip's object name for an abbreviation, as ip itself matches it ('a' -> 'address'). */
export function ipObject(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const o = IP_OBJECTS.find((n) => n.startsWith(word));
  return o === 'neighbour' ? 'neighbor' : o;
}

const SUBCOMMANDS = ['add', 'set', 'delete', 'show', 'list', 'flush', 'replace', 'change', 'exec', 'get'];
/** ip's subcommand for an abbreviation, as ip matches it for `object`: `ip link s` is set, `ip addr s` (route, neigh, netns, rule) is show. */
export function ipVerb(word: string | undefined, object?: string): string | undefined {
  if (!word) return undefined;
  if (word === 'del') return 'delete';
  if (object !== 'link' && 'show'.startsWith(word)) return 'show';
  return SUBCOMMANDS.find((n) => n.startsWith(word));
}

/** A parsed `ip link set` / `ip link add` / `ip addr add` and friends. */
export interface IpCommand {
  object: string;
  verb: string;
  /** The interface acted upon. */
  dev?: string;
  /** Keyword arguments: master, netns, name, type, peer (name), … */
  opts: Record<string, string>;
  flags: Set<string>;
  /** Positional arguments that are not the device (an address for `ip addr add`). */
  positional: string[];
}

const LINK_VALUE_KEYS = new Set(['netns', 'master', 'name', 'address', 'mtu', 'alias', 'txqueuelen', 'qlen', 'group', 'type', 'arp', 'multicast', 'promisc', 'allmulticast', 'link', 'index', 'numtxqueues', 'numrxqueues', 'vf', 'state']);
const LINK_FLAGS = new Set(['up', 'down', 'nomaster']);
const ADDR_VALUE_KEYS = new Set(['dev', 'label', 'scope', 'broadcast', 'brd', 'peer', 'local', 'valid_lft', 'preferred_lft', 'metric', 'to']);

export function parseIp(argv: string[]): IpCommand | undefined {
  if (argv[0] !== 'ip') return undefined;
  const object = ipObject(argv[1]);
  if (!object) return undefined;
  const verb = ipVerb(argv[2], object) ?? (argv[2] === undefined ? 'show' : argv[2]);
  const cmd: IpCommand = { object, verb, opts: {}, flags: new Set(), positional: [] };
  const rest = argv.slice(3);
  if (object === 'link') {
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === 'dev') cmd.dev = rest[++i];
      else if (a === 'type') {
        cmd.opts.type = rest[++i];
        // ip link add A type veth peer [name] B
        if (rest[i + 1] === 'peer') {
          i++;
          if (rest[i + 1] === 'name') i++;
          cmd.opts.peer = rest[++i];
        }
      } else if (LINK_FLAGS.has(a)) cmd.flags.add(a);
      else if (LINK_VALUE_KEYS.has(a)) cmd.opts[a] = rest[++i];
      else if (cmd.dev === undefined) cmd.dev = a;
      else cmd.positional.push(a);
    }
  } else if (object === 'address' || object === 'route' || object === 'neighbor') {
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === 'dev') cmd.dev = rest[++i];
      else if (ADDR_VALUE_KEYS.has(a) || a === 'via' || a === 'lladdr' || a === 'src' || a === 'nud' || a === 'proto' || a === 'table') cmd.opts[a] = rest[++i];
      else cmd.positional.push(a);
    }
  } else {
    cmd.positional = rest;
  }
  return cmd;
}

/**
 * The learner's segment with one word corrected, run in `ns`, followed by the
 * rest of its command line when `&&` kept that from running (the same word
 * corrected there too): the learner's whole intent, never their typo.
 */
export function corrected(ctx: Ctx, seg: Segment, from: string, to: string, ns = seg.ns): string {
  const fix = (s: Segment, where: string) => inNs(where, s.argv.map((w) => (w === from ? to : w)).map(shellQuote).join(' '));
  const line = seg.result.command;
  const chained = line.includes('&&') && !/;|\|\||(^|[^|])\|([^|]|$)/.test(line);
  const later = chained ? ctx.segments.filter((s) => s.index === seg.index && ctx.segments.indexOf(s) > ctx.segments.indexOf(seg)) : [];
  return seq(fix(seg, ns), ...later.map((s) => fix(s, s.ns)));
}

export function segmentToString(s: Segment): string {
  return inNs(s.ns, s.argv.map(shellQuote).join(' '));
}

export { inNs };

/** Several commands to run one after the other. */
export function seq(...commands: string[]): string {
  return commands.filter(Boolean).join(' && ');
}

// ---------------------------------------------------------------- strings

export function editDistance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** The candidate closest to `word`, when it is close enough to be a typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  const limit = word.length <= 3 ? 1 : 2;
  return bestD <= limit ? best : undefined;
}

// ---------------------------------------------------------------- IPv4

export function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const n = m.slice(1).map(Number);
  if (n.some((x) => x > 255)) return undefined;
  return ((n[0] << 24) | (n[1] << 16) | (n[2] << 8) | n[3]) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function inSubnet(ip: string, net: string, len: number): boolean {
  const a = ipToInt(ip);
  const b = ipToInt(net);
  if (a === undefined || b === undefined) return false;
  if (len === 0) return true;
  const mask = (0xffffffff << (32 - len)) >>> 0;
  return (a & mask) === (b & mask);
}

export function networkOf(ip: string, len: number): string {
  const a = ipToInt(ip) ?? 0;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return `${intToIp((a & mask) >>> 0)}/${len}`;
}

export function parseCidr(cidr: string): { ip: string; len: number } {
  const [ip, len] = cidr.split('/');
  return { ip, len: len === undefined ? 32 : Number(len) };
}

export function cidrOf(a: Addr): string {
  return `${a.local}/${a.prefixlen}`;
}

// ---------------------------------------------------------------- lab state

export const RESOLVED_STATES = ['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT', 'NOARP'];

export function isResolved(n: NeighEntry): boolean {
  return !!n.lladdr && n.state.some((s) => RESOLVED_STATES.includes(s));
}

export function linksNamed(state: LabState, name: string): LinkState[] {
  return state.links.filter((l) => l.name === name);
}

export function linksIn(state: LabState, ns: string): LinkState[] {
  return state.links.filter((l) => l.ns === ns);
}

export function nsExists(state: LabState, ns: string): boolean {
  return ns === 'host' || state.namespaces.includes(ns);
}

/** Every interface holding `ip`, anywhere in the lab. */
export function ownersOf(state: LabState, ip: string): { link: LinkState; addr: Addr }[] {
  const out: { link: LinkState; addr: Addr }[] = [];
  for (const link of state.links) for (const addr of link.addrs) if (addr.local === ip) out.push({ link, addr });
  return out;
}

/** The interface name and namespace of a veth's other end. */
export function peerLink(state: LabState, link: LinkState): LinkState | undefined {
  if (!link.peer) return undefined;
  return state.links.find((l) => l.ns === link.peer!.ns && l.ifindex === link.peer!.ifindex);
}

export function isLocal(state: LabState, ns: string, ip: string): boolean {
  if (inSubnet(ip, '127.0.0.0', 8)) return true;
  return linksIn(state, ns).some((l) => l.addrs.some((a) => a.local === ip));
}

function routePrefix(r: RouteEntry): { net: string; len: number } {
  if (r.dst === 'default') return { net: '0.0.0.0', len: 0 };
  const { ip, len } = parseCidr(r.dst);
  return { net: ip, len };
}

/** The main-table route the kernel would pick in `ns` for `ip`: longest prefix, first listed on a tie. */
export function routeFor(state: LabState, ns: string, ip: string, oif?: string): RouteEntry | undefined {
  let best: RouteEntry | undefined;
  let bestLen = -1;
  for (const r of state.routes) {
    if (r.ns !== ns || (oif && r.dev !== oif)) continue;
    const { net, len } = routePrefix(r);
    if (inSubnet(ip, net, len) && len > bestLen) {
      best = r;
      bestLen = len;
    }
  }
  return best;
}

/** Every interface on the same layer-2 segment as `link`: veth peers, a bridge and its ports, transitively. */
export function l2Segment(state: LabState, link: LinkState): LinkState[] {
  const seen: LinkState[] = [link];
  for (let i = 0; i < seen.length; i++) {
    const l = seen[i];
    const next = [
      peerLink(state, l),
      l.master ? state.links.find((b) => b.ns === l.ns && b.name === l.master) : undefined,
      ...(l.kind === 'bridge' ? state.links.filter((p) => p.ns === l.ns && p.master === l.name) : []),
    ];
    for (const n of next) if (n && !seen.includes(n)) seen.push(n);
  }
  return seen;
}

/** Gateways for `ns` toward `target`: an address on one of its links' segments, held by another namespace that reaches the target. */
export function routersToward(state: LabState, ns: string, target: string): { dev: string; via: string; ns: string }[] {
  const out: { dev: string; via: string; ns: string }[] = [];
  for (const l of linksIn(state, ns)) {
    if (l.name === 'lo' || !l.up) continue;
    for (const a of l.addrs)
      for (const m of l2Segment(state, l)) {
        if (m.ns === ns) continue;
        const gw = m.addrs.find((x) => inSubnet(x.local, a.local, a.prefixlen));
        if (gw && (isLocal(state, m.ns, target) || routeFor(state, m.ns, target)) && !out.some((o) => o.via === gw.local)) out.push({ dev: l.name, via: gw.local, ns: m.ns });
      }
  }
  return out;
}

/** The neighbour entry for `ip` on `dev` in `ns`. */
export function neighOf(state: LabState, ns: string, dev: string, ip: string): NeighEntry | undefined {
  return state.neigh.find((n) => n.ns === ns && n.dev === dev && n.dst === ip);
}

/** The address of `link` in the same subnet as `ip`, or its first one. */
export function addrToward(link: LinkState, ip: string): Addr | undefined {
  return link.addrs.find((a) => inSubnet(ip, a.local, a.prefixlen)) ?? link.addrs[0];
}

/** A free host address in `cidr`'s subnet, for suggesting an address the learner can add. */
export function freeAddressIn(state: LabState, ip: string, len: number): string {
  const used = new Set(state.links.flatMap((l) => l.addrs.map((a) => a.local)));
  const base = (ipToInt(networkOf(ip, len).split('/')[0]) ?? 0) >>> 0;
  const size = len >= 31 ? 1 : 2 ** (32 - len) - 2;
  for (let i = 1; i <= Math.min(size, 254); i++) {
    const cand = intToIp((base + i) >>> 0);
    if (!used.has(cand)) return cand;
  }
  return ip;
}

/**
 * Interface names the step's goal ties to the other words of a command: the
 * interface that should get the address it adds, the port of the bridge it
 * names. A mistyped name most likely meant one of these.
 */
export function goalNames(ctx: Ctx, seg: Segment): string[] {
  const words = new Set(seg.argv.flatMap((w) => [w, w.split('/')[0]]));
  const out: string[] = [];
  for (const e of ctx.input.step.expect) {
    if (e.kind === 'addr' && words.has(e.cidr.split('/')[0])) out.push(e.dev);
    else if (e.kind === 'neigh' && words.has(e.address)) out.push(e.dev);
    else if (e.kind === 'port' && words.has(e.bridge)) out.push(e.name);
    else if (e.kind === 'port' && words.has(e.name)) out.push(e.bridge);
  }
  return out;
}

/** The expectations a list of checks is about. */
export function expectationsOf(checks: CheckResult[]): Expectation[] {
  return checks.map((c) => c.expectation);
}
