/** The lab's live network state, read with `ip -j`, `bridge -j` and /proc/sys in one spawn. */
import { LAB_BIN } from './ipv4-defaults.js';
import type { Lab } from './sandbox.js';
import { SYSCTL_NAME, sysctlNameOf, sysctlPath } from './sysctl-names.js';

export { sysctlPath };

export interface Addr {
  local: string;
  prefixlen: number;
}

export interface LinkState {
  /** 'host' for the sandbox's top namespace, else the named namespace. */
  ns: string;
  ifindex: number;
  name: string;
  /** 'veth', 'bridge', 'loopback', … ('' when the kernel reports none). */
  kind: string;
  mac: string;
  /** Administratively up (the UP flag). */
  up: boolean;
  /** Carrier (LOWER_UP). */
  carrier: boolean;
  operstate: string;
  /** The bridge this interface is a port of. */
  master?: string;
  /** The other end of a veth pair, when known. */
  peer?: { ns: string; ifindex: number; name?: string };
  addrs: Addr[];
  /** A VXLAN tunnel end's settings, as `ip -d link` shows them. */
  vxlan?: VxlanInfo;
}

export interface VxlanInfo {
  id: number;
  remote?: string;
  local?: string;
  /** The UDP port (dstport). */
  port?: number;
}

export interface NeighEntry {
  ns: string;
  dst: string;
  dev: string;
  lladdr?: string;
  state: string[];
}

export interface FdbEntry {
  ns: string;
  mac: string;
  /** The port the entry points to. */
  dev: string;
  master?: string;
  permanent: boolean;
  self: boolean;
}

export interface RouteEntry {
  ns: string;
  /** 'default' or a prefix such as 192.168.100.0/24. */
  dst: string;
  dev: string;
  gateway?: string;
  prefsrc?: string;
  /** 'unreachable', 'blackhole', … when the route is not a plain unicast one. */
  type?: string;
}

export interface SysctlEntry {
  ns: string;
  /** Dotted name, e.g. net.ipv4.ip_forward. */
  name: string;
  value: string;
}

export interface LabState {
  /** Named namespaces, in the order `ip netns` lists them. */
  namespaces: string[];
  links: LinkState[];
  neigh: NeighEntry[];
  fdb: FdbEntry[];
  /** IPv4 routes of the main table. */
  routes: RouteEntry[];
  /** Kernel settings read in every namespace (absent in states recorded before they were read). */
  sysctls?: SysctlEntry[];
}

export const EMPTY_STATE: LabState = { namespaces: [], links: [], neigh: [], fdb: [], routes: [] };

export type Section = 'ids' | 'links' | 'neigh' | 'fdb' | 'routes' | 'sysctl';
export const ALL_SECTIONS: ReadonlySet<Section> = new Set(['ids', 'links', 'neigh', 'fdb', 'routes', 'sysctl']);

/** Settings every full snapshot reads (the topology shows forwarding). */
export const DEFAULT_SYSCTLS: readonly string[] = ['net.ipv4.ip_forward'];

/** Sections `ip` prints, one JSON array per line, from one batch per namespace; ids last, as it prints nothing when there are no namespaces. */
const BATCHED: readonly [Section, string][] = [
  ['links', 'addr show'],
  ['neigh', 'neigh show'],
  ['routes', 'route show'],
  ['ids', 'netns list'],
];

const READERS: Partial<Record<Section, string>> = {
  fdb: 'echo "@@fdb $1"; bridge $2 -j fdb show 2>/dev/null; echo',
  // /proc/sys/net shows the settings of the reading process's namespace, so nsenter switches to it first.
  sysctl: 'echo "@@sysctl $1"; if [ "$1" = host ]; then grep -sH "" $SYSCTLS </dev/null; else nsenter --net="/run/netns/$1" grep -sH "" $SYSCTLS </dev/null; fi; echo',
};

/** The /proc/sys files of the settings, for one grep that prints path:value lines (a shell's read sees one byte of a sysctl file). */
function sysctlFiles(names: readonly string[]): string {
  return names
    .filter((n) => SYSCTL_NAME.test(n))
    .map((n) => `/proc/sys/${sysctlPath(n)}`)
    .join(' ');
}

/**
 * One shell script prints every requested section of every namespace, so a
 * snapshot costs one spawn from the agent and about three processes per
 * namespace (process creation dominates the cost of a check). A section is
 * introduced by a line "@@<what> <ns>"; "@@batch <ns> <what>,<what>" is
 * followed by one line per section named.
 */
export function snapshotScript(sections: ReadonlySet<Section> = ALL_SECTIONS, sysctls: readonly string[] = []): string {
  const batched = BATCHED.filter(([s]) => sections.has(s));
  const batch = batched.length
    ? [`  echo "@@batch $1 ${batched.map(([s]) => s).join(',')}"`, `  ip $2 -j -d -force -batch - 2>/dev/null <<EOF`, ...batched.map(([, c]) => c), 'EOF', '  echo']
    : [];
  const body = [...batch, ...[...sections].flatMap((s) => (READERS[s] ? [`  ${READERS[s]}`] : []))].join('\n');
  const files = sections.has('sysctl') ? `SYSCTLS='${sysctlFiles([...new Set([...DEFAULT_SYSCTLS, ...sysctls])])}'\n` : '';
  // Reading needs no wrapper (nothing is created), so the real ip runs. A here-document and a glob cost no process.
  return `PATH="\${PATH#${LAB_BIN}:}"\n${files}snap() {\n${body}\n}\nsnap host ""\nfor p in /run/netns/*; do [ -e "$p" ] && snap "\${p##*/}" "-n \${p##*/}"; done; true\n`;
}

export const SNAPSHOT_SCRIPT = snapshotScript();

export async function readLabState(lab: Lab, sections: ReadonlySet<Section> = ALL_SECTIONS, sysctls: readonly string[] = []): Promise<LabState> {
  const script = sections === ALL_SECTIONS && !sysctls.length ? SNAPSHOT_SCRIPT : snapshotScript(sections, sysctls);
  const r = await lab.run(script, { timeoutMs: 10_000 });
  const state = parseSnapshot(r.stdout);
  // Named namespaces come from the host's "ids" section; without it, the namespaces seen are the named ones.
  if (!sections.has('ids')) state.namespaces = [...new Set(state.links.map((l) => l.ns).filter((n) => n !== 'host'))];
  return state;
}

type Json = Record<string, any>;

function parseArray(text: string): Json[] {
  const t = text.trim();
  if (!t) return [];
  try {
    const v = JSON.parse(t);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export function parseSnapshot(text: string): LabState {
  const sections: { what: string; ns: string; body: string }[] = [];
  // The sections a batch header announced and that have not printed their line yet.
  let batched: string[] = [];
  let batchNs = '';
  for (const line of text.split('\n')) {
    const m = /^@@(\w+) (\S+)(?: (\S+))?$/.exec(line);
    if (m && m[1] === 'batch') {
      batched = (m[3] ?? '').split(',');
      batchNs = m[2];
    } else if (m && m[3] === undefined) {
      batched = [];
      sections.push({ what: m[1], ns: m[2], body: '' });
    } else if (batched.length) {
      if (line.trim()) sections.push({ what: batched.shift()!, ns: batchNs, body: line });
    } else if (sections.length) sections[sections.length - 1].body += line + '\n';
  }
  const state: LabState = { namespaces: [], links: [], neigh: [], fdb: [], routes: [] };
  const ids = new Map<string, Map<number, string>>();
  // A batch prints a namespace's ids after its links, which need them.
  sections.sort((a, b) => Number(b.what === 'ids') - Number(a.what === 'ids'));
  for (const s of sections) {
    const rows = parseArray(s.body);
    if (s.what === 'ids') {
      const m = new Map<number, string>();
      for (const r of rows) if (typeof r.id === 'number') m.set(r.id, r.name);
      ids.set(s.ns, m);
      if (s.ns === 'host') state.namespaces = rows.map((r) => String(r.name));
    } else if (s.what === 'links') {
      for (const r of rows) state.links.push(toLink(r, s.ns, ids.get(s.ns)));
    } else if (s.what === 'neigh') {
      for (const r of rows.filter((n) => typeof n.dst === 'string' && !n.dst.includes(':')))
        state.neigh.push({ ns: s.ns, dst: r.dst, dev: r.dev, lladdr: r.lladdr, state: r.state ?? [] });
    } else if (s.what === 'routes') {
      for (const r of rows) state.routes.push({ ns: s.ns, dst: r.dst, dev: r.dev, gateway: r.gateway, prefsrc: r.prefsrc, ...(r.type && r.type !== 'unicast' ? { type: r.type } : {}) });
    } else if (s.what === 'sysctl') {
      state.sysctls ??= [];
      const values = new Map<string, string[]>();
      for (const line of s.body.split('\n')) {
        const m = /^\/proc\/sys\/([^:]+):(.*)$/.exec(line);
        if (m) values.set(m[1], [...(values.get(m[1]) ?? []), m[2]]);
      }
      // A value of several fields or lines (ip_local_port_range) reads as one line, separated by spaces.
      for (const [path, lines] of values) state.sysctls.push({ ns: s.ns, name: sysctlNameOf(path), value: lines.join(' ').replace(/\s+/g, ' ').trim() });
    } else if (s.what === 'fdb') {
      for (const r of rows)
        state.fdb.push({
          ns: s.ns,
          mac: r.mac,
          dev: r.ifname,
          master: r.master,
          permanent: r.state === 'permanent',
          self: (r.flags ?? []).includes('self'),
        });
    }
  }
  if (sections.some((x) => x.what === 'ids' && x.ns === 'host')) inNamespaceOrder(state);
  for (const l of state.links) {
    if (l.peer && l.peer.ifindex === -1) l.peer.ifindex = state.links.find((o) => o.ns === l.peer!.ns && o.name === l.peer!.name)?.ifindex ?? -1;
    if (l.peer) delete l.peer.name;
  }
  return state;
}

/** The host first, then the namespaces in the order `ip netns list` gives (the script visits them in name order). */
function inNamespaceOrder(state: LabState): void {
  const rank = (ns: string) => (ns === 'host' ? -1 : state.namespaces.indexOf(ns) >>> 0);
  const byNs = <T extends { ns: string }>(rows: T[]) => rows.sort((a, b) => rank(a.ns) - rank(b.ns));
  byNs(state.links);
  byNs(state.neigh);
  byNs(state.fdb);
  byNs(state.routes);
  if (state.sysctls) byNs(state.sysctls);
}

function toLink(r: Json, ns: string, nsids: Map<number, string> | undefined): LinkState {
  const flags: string[] = r.flags ?? [];
  const kind: string = r.linkinfo?.info_kind ?? (r.link_type === 'loopback' ? 'loopback' : '');
  let peer: LinkState['peer'];
  if (kind === 'veth' && typeof r.link_index === 'number') {
    // An nsid that no named namespace claims is the sandbox's own top namespace.
    const peerNs = typeof r.link_netnsid === 'number' ? (nsids?.get(r.link_netnsid) ?? 'host') : ns;
    peer = { ns: peerNs, ifindex: r.link_index };
  } else if (kind === 'veth' && typeof r.link === 'string') {
    // Both ends in one namespace: ip names the peer instead of giving its index.
    peer = { ns, ifindex: -1, name: r.link };
  }
  return {
    ns,
    ifindex: r.ifindex,
    name: r.ifname,
    kind,
    mac: r.address ?? '',
    up: flags.includes('UP'),
    carrier: flags.includes('LOWER_UP'),
    operstate: r.operstate ?? 'UNKNOWN',
    master: r.master,
    peer,
    addrs: (r.addr_info ?? []).filter((a: Json) => a.family === 'inet').map((a: Json) => ({ local: a.local, prefixlen: a.prefixlen })),
    ...(kind === 'vxlan' && typeof r.linkinfo?.info_data?.id === 'number' ? { vxlan: vxlanOf(r.linkinfo.info_data) } : {}),
  };
}

function vxlanOf(d: Json): VxlanInfo {
  return {
    id: d.id,
    ...(typeof d.remote === 'string' ? { remote: d.remote } : {}),
    ...(typeof d.local === 'string' ? { local: d.local } : {}),
    ...(typeof d.port === 'number' ? { port: d.port } : {}),
  };
}

export function findLink(state: LabState, name: string, ns = 'host'): LinkState | undefined {
  return state.links.find((l) => l.name === name && l.ns === ns);
}

export function peerOf(state: LabState, link: LinkState): LinkState | undefined {
  if (!link.peer) return undefined;
  return state.links.find((l) => l.ns === link.peer!.ns && l.ifindex === link.peer!.ifindex);
}
