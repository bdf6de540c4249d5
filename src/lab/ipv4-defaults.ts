/**
 * A deterministic lab: every namespace of the lab starts from the kernel's
 * built-in IPv4 settings, whatever the machine's. A new network namespace copies
 * the IPv4 `all`/`default` settings of the machine's own namespace (init_net;
 * see net.core.devconf_inherit_init_net), so on a Docker host (ip_forward=1) or
 * Ubuntu (rp_filter=2) a lab would otherwise start differently. The sandbox's
 * own namespace is set at start-up; a namespace a command creates is set by an
 * `ip` wrapper right after `ip` creates it, before the next command (even the
 * next one on the same line) can touch it. A lesson's `sysctl:` front matter
 * applies on top, to every namespace, from the lesson's first step on.
 */
import { sysctlPath } from './sysctl-names.js';

/** The kernel's built-in values (net/ipv4/devinet.c) for `all` and `default`; `lo` is set like `default`. */
export const IPV4_DEFAULTS: Readonly<Record<string, { all: number; default: number }>> = {
  forwarding: { all: 0, default: 0 },
  rp_filter: { all: 0, default: 0 },
  proxy_arp: { all: 0, default: 0 },
  proxy_arp_pvlan: { all: 0, default: 0 },
  arp_ignore: { all: 0, default: 0 },
  arp_announce: { all: 0, default: 0 },
  arp_filter: { all: 0, default: 0 },
  arp_accept: { all: 0, default: 0 },
  arp_notify: { all: 0, default: 0 },
  arp_evict_nocarrier: { all: 1, default: 1 },
  accept_local: { all: 0, default: 0 },
  route_localnet: { all: 0, default: 0 },
  log_martians: { all: 0, default: 0 },
  send_redirects: { all: 1, default: 1 },
  accept_redirects: { all: 1, default: 1 },
  secure_redirects: { all: 1, default: 1 },
  shared_media: { all: 1, default: 1 },
  accept_source_route: { all: 0, default: 1 },
  promote_secondaries: { all: 0, default: 0 },
  src_valid_mark: { all: 0, default: 0 },
  bootp_relay: { all: 0, default: 0 },
  drop_gratuitous_arp: { all: 0, default: 0 },
  drop_unicast_in_l2_multicast: { all: 0, default: 0 },
  ignore_routes_with_linkdown: { all: 0, default: 0 },
};

/** The defaults as dotted name -> value, ip_forward first (writing it resets forwarding on every device). */
export function defaultSettings(): Map<string, string> {
  const out = new Map<string, string>([['net.ipv4.ip_forward', '0']]);
  for (const [key, v] of Object.entries(IPV4_DEFAULTS)) {
    out.set(`net.ipv4.conf.all.${key}`, String(v.all));
    out.set(`net.ipv4.conf.default.${key}`, String(v.default));
    out.set(`net.ipv4.conf.lo.${key}`, String(v.default));
  }
  return out;
}

const DIR = '/run/netns-tutor';
/** The folder of the `ip` wrapper, first on the lab's PATH. */
export const LAB_BIN = `${DIR}/bin`;
const SAFE_VALUE = /^[0-9A-Za-z_ .:-]{1,64}$/;
const SAFE_NAME = /^net\.ipv4\.[A-Za-z0-9_.@/-]+$/;

/** Lines "path value" for the apply script; unsafe names or values are left out (they come from lesson packs). */
export function settingsFile(settings: ReadonlyMap<string, string> | Record<string, string>): string {
  const entries = settings instanceof Map ? [...settings] : Object.entries(settings);
  return entries
    .filter(([k, v]) => SAFE_NAME.test(k) && SAFE_VALUE.test(v))
    .map(([k, v]) => `${sysctlPath(k)} ${v}\n`)
    .join('');
}

/** Writes "path value" lines of a file into /proc/sys of the namespace it runs in. */
const APPLY = `#!/bin/sh
for f in "$@"; do [ -f "$f" ] || continue; while read -r p v; do [ -w "/proc/sys/$p" ] && echo "$v" > "/proc/sys/$p" 2>/dev/null; done < "$f"; done
exit 0
`;

/**
 * The `ip` put first on the lab's PATH. Before the real ip runs, and after it
 * when it may have made a namespace, every namespace under /run/netns not seen
 * before gets the lab's settings (the machine's values of the test hook first,
 * as the kernel's copy from init_net would be). Long-running forms (`netns
 * exec`, `monitor`) replace the wrapper, so signals reach the program as before.
 */
function wrapper(realIp: string): string {
  return `#!/bin/sh
D=${DIR}
settle() {
  read -r seen < "$D/seen" 2>/dev/null
  now=
  for p in /run/netns/*; do
    [ -e "$p" ] || continue
    n=\${p##*/}
    case " $seen " in *" $n "*) now="$now $n"; continue;; esac
    nsenter --net="$p" sh "$D/apply" "$D/machine" "$D/settings" && now="$now $n"
  done
  echo $now > "$D/seen"
}
touches=; long=
for a in "$@"; do
  case $a in
    net|netn|netns|-n|-ne|-net|-netn|-netns|-b|-ba|-bat|-batc|-batch|-a|-al|-all) touches=1;;
    e|ex|exe|exec|mon|moni|monit|monito|monitor) long=1;;
  esac
done
[ -z "$touches" ] && exec ${realIp} "$@"
settle
[ -n "$long" ] && exec ${realIp} "$@"
${realIp} "$@"
rc=$?
settle
exit $rc
`;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Shell lines for the sandbox's set-up script, run before the agent with /run
 * already a private tmpfs: installs the wrapper, settles the sandbox's own
 * namespace, and puts the wrapper first on PATH for everything after.
 * NETNS_TUTOR_TEST_MACHINE_IPV4 ("name=value ...") stands in for a machine's
 * own settings, which every new namespace would otherwise copy.
 */
export function ipv4SetupLines(): string[] {
  const files: [string, string][] = [
    ['apply', APPLY],
    ['settings', settingsFile(defaultSettings())],
  ];
  return [
    `mkdir -p ${DIR}/bin; : > ${DIR}/seen`,
    ...files.map(([name, body]) => `printf '%s' ${quote(body)} > ${DIR}/${name}`),
    `: > ${DIR}/machine; for kv in $NETNS_TUTOR_TEST_MACHINE_IPV4; do k=\${kv%%=*}; printf '%s %s\\n' "$(echo "$k" | tr . /)" "\${kv#*=}" >> ${DIR}/machine; done`,
    `[ -n "$NETNS_TUTOR_TEST_NO_IPV4_DEFAULTS" ] && : > ${DIR}/settings`,
    `if real_ip=$(command -v ip); then printf '%s\\n' "$(printf '%s' ${quote(wrapper('REAL_IP'))} | sed "s#REAL_IP#$real_ip#")" > ${DIR}/bin/ip; chmod 755 ${DIR}/bin/ip; fi`,
    `sh ${DIR}/apply ${DIR}/machine ${DIR}/settings`,
    `export PATH=${LAB_BIN}:$PATH`,
  ];
}

/**
 * At a lesson's first step: its `sysctl:` settings go to every namespace of the
 * lab now, and to every one created from now on (with the defaults under them).
 */
export async function applyLessonSettings(lab: { run(command: string, opts?: { timeoutMs?: number }): Promise<unknown> }, sysctl: Record<string, string> | undefined): Promise<void> {
  const lesson = settingsFile(sysctl ?? {});
  const all = settingsFile(new Map([...defaultSettings(), ...Object.entries(sysctl ?? {})]));
  const script = [
    `[ -n "$NETNS_TUTOR_TEST_NO_IPV4_DEFAULTS" ] && printf '%s' ${quote(lesson)} > ${DIR}/settings || printf '%s' ${quote(all)} > ${DIR}/settings`,
    `printf '%s' ${quote(lesson)} > ${DIR}/lesson`,
    `sh ${DIR}/apply ${DIR}/lesson`,
    `for p in /run/netns/*; do [ -e "$p" ] && nsenter --net="$p" sh ${DIR}/apply ${DIR}/lesson; done; true`,
  ].join('\n');
  await lab.run(script, { timeoutMs: 10_000 });
}
