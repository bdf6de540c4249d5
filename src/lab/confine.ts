/**
 * How the lab is confined: the command line that builds it, the same whether the tutor runs as root or not.
 *
 * Two user namespaces, one inside the other:
 * - The outer one (with the mount and PID namespaces) builds the lab's file
 *   system: the host's, read-only, with private tmpfs for /tmp (and the lab's
 *   HOME), /run, /dev (a few device nodes and a new devpts instance) and
 *   /dev/shm, and /proc of the lab's own PID namespace. Then it pivots into it.
 * - The inner one (with the network, mount, UTS, IPC and cgroup namespaces)
 *   is where lab commands run. Entering a new user namespace locks every mount
 *   made by the outer one, so nothing in the lab can unmount /proc, /dev or
 *   /tmp to uncover what lies beneath, or make the host's files writable again.
 *
 * The lab's processes run as one unprivileged host user: the learner rootless,
 * and nobody (65534) when the tutor runs as root, switched by setpriv before
 * any namespace exists. Inside they keep only NET_ADMIN, NET_RAW,
 * NET_BIND_SERVICE and SYS_ADMIN (for `ip netns`), over the lab's own
 * namespaces; limits cap their number and address space.
 */
import { ipv4SetupLines } from './ipv4-defaults.js';
import { findTool, labPath } from './tools.js';

export type LabMode = 'root' | 'rootless';

/** The host user the lab runs as when the tutor is root: nobody. */
export const LAB_UID = 65534;
export const LAB_HOME = '/tmp/home';
export const LAB_LIMITS = { processes: 256, addressSpaceBytes: 1024 * 1024 * 1024 };
const LAB_CAPS = ['net_admin', 'net_raw', 'net_bind_service', 'sys_admin'];

/**
 * Run by the outer namespace as PID 1 of the lab's PID namespace. $1: a
 * directory to hide under an empty tmpfs ('' for none), $2: the inner script,
 * $3: perl ('' if missing), then the agent's command line. R is where the new
 * root is assembled. With perl, one mount_setattr(2) call (442 on every
 * architecture) makes the whole tree read-only and a second gives the host's
 * sysfs back its flags; without, one remount per mount. The host's sysfs stays as it was: the lab's own is mounted over it
 * later, which the kernel allows only while a sysfs as permissive is there.
 */
const OUTER = String.raw`set -e
R=/tmp
mount --rbind / $R
if ! { [ -n "$3" ] && "$3" -e 'syscall(442, -100, $ARGV[0], 0x8000, pack("Q4", 1, 0, 0, 0), 32) == 0 && syscall(442, -100, "$ARGV[0]/sys", 0, pack("Q4", 0, 1, 0, 0), 32) == 0 or exit 1' $R 2>/dev/null; }; then
  grep -v ' - sysfs ' /proc/self/mountinfo | while read -r _ _ _ _ mp opts _; do
    case $mp in $R/proc|$R/proc/*|$R/dev/pts|$R/dev/pts/*|$R/dev/shm|$R/dev/shm/*|$R/run|$R/run/*|$R/tmp|$R/tmp/*) continue;; esac
    case $mp in $R|$R/*) case ,$opts, in *,rw,*) mount -o remount,bind,ro "$(printf '%b' "$mp")";; esac;; esac
  done
fi
mount -t proc -o nosuid,nodev,noexec proc $R/proc
mount -t tmpfs -o mode=1777,size=256m,nosuid,nodev lab-tmp $R/tmp
mount -t tmpfs -o mode=755,size=16m,nosuid,nodev lab-run $R/run
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 lab-pts $R/dev/pts
mount -t tmpfs -o mode=1777,size=64m,nosuid,nodev lab-shm $R/dev/shm
mkdir $R${LAB_HOME} $R/run/netns
if [ -n "$1" ] && [ -d "$R$1" ]; then mount -t tmpfs -o ro,size=4k,mode=755 lab-hidden "$R$1"; fi
cd $R
pivot_root . .
umount -l .
cd /
INNER=$2; shift 3
exec unshare --user --map-current-user --keep-caps --net --mount --uts --ipc --cgroup -- /bin/sh -c "$INNER" netns-tutor-lab "$@"`;

const caps = LAB_CAPS.map((c) => `+${c}`).join(',');

/** Run inside the inner namespaces: a fresh sysfs for the lab's network, loopback up, then the agent with only the capabilities and limits it needs. */
const INNER = String.raw`set -e
mount -t sysfs -o nosuid,nodev,noexec lab-sys /sys
ip link set lo up
${ipv4SetupLines().join('\n')}
ulimit -v ${LAB_LIMITS.addressSpaceBytes / 1024}
ulimit -u ${LAB_LIMITS.processes} 2>/dev/null || ulimit -p ${LAB_LIMITS.processes}
exec setpriv --inh-caps=-all,${caps} --ambient-caps=-all,${caps} --bounding-set=-all,${caps} -- "$@"`;

export interface Launch {
  file: string;
  args: string[];
  /** The whole environment: nothing of the caller's passes into the lab. */
  env: Record<string, string>;
}

/**
 * The caller's home directory is hidden from a rootless lab (it runs as the
 * learner, who can read it) unless the programs the lab needs live there.
 */
export function hiddenDir(mode: LabMode, agent: string[], home = process.env.HOME): string {
  if (mode !== 'rootless' || !home || !home.startsWith('/') || home === '/') return '';
  const inside = (p: string) => p === home || p.startsWith(home.replace(/\/+$/, '') + '/');
  const path = labPath().split(':');
  return inside(agent[0]) || path.some(inside) ? '' : home;
}

/** Test hooks that stand in for a machine's own IPv4 settings (see ipv4-defaults.ts); nothing else of the caller's passes. */
const TEST_HOOKS = ['NETNS_TUTOR_TEST_MACHINE_IPV4', 'NETNS_TUTOR_TEST_NO_IPV4_DEFAULTS'];

export function labEnv(): Record<string, string> {
  const hooks = Object.fromEntries(TEST_HOOKS.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
  return { PATH: labPath(), HOME: LAB_HOME, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...hooks };
}

/** The launcher's command line for a lab running `agent`. */
export function launchCommand(mode: LabMode, agent: string[]): Launch {
  const unshare = ['unshare', '--user', '--map-current-user', '--keep-caps', '--mount', '--pid', '--fork', '--kill-child', '--', '/bin/sh', '-c', OUTER, 'netns-tutor-setup', hiddenDir(mode, agent), INNER, findTool('perl') ?? '', ...agent];
  // As root, become nobody first, keeping only CAP_SYS_ADMIN so that hosts
  // which forbid unprivileged user namespaces still let this one be made;
  // unshare gives it up when it enters the new user namespace.
  const asNobody = ['--reuid', String(LAB_UID), '--regid', String(LAB_UID), '--clear-groups', '--inh-caps=-all,+sys_admin', '--ambient-caps=-all,+sys_admin', '--'];
  return mode === 'root' ? { file: 'setpriv', args: [...asNobody, ...unshare], env: labEnv() } : { file: unshare[0], args: unshare.slice(1), env: labEnv() };
}
