/**
 * A hostile lesson pack against the sandbox: each case is a one-step pack whose
 * commands try to reach the host (files, links, mounts, host name, IPC,
 * processes, secrets, the terminal) or to hang or exhaust the tutor. Every case
 * runs as root and rootless (as root the rootless run is the same tutor under
 * uid 65534), and is judged on the host itself: only what the pack could have
 * touched is compared (names carrying the case's tag), so unrelated activity on
 * the machine cannot make it fail. A case that did escape is cleaned up.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxWorks } from '../integration/helpers.js';
import { BIN, IS_ROOT, expectNoCrash, expectNoEscapes, runProgram, type Run } from './helpers.js';

const SANDBOX = sandboxWorks();
const NOBODY = 65534;
const MODES: ('root' | 'rootless')[] = IS_ROOT ? ['root', 'rootless'] : ['rootless'];
const SBIN_PATH = `${process.env.PATH ?? '/usr/bin:/bin'}:/usr/local/sbin:/usr/sbin:/sbin`;

interface Ctx {
  /** Unique per case and mode; every name the pack makes carries it. */
  tag: string;
  /** A short form for link names (at most 15 bytes). */
  short: string;
  mode: 'root' | 'rootless';
  home: string;
  secretEnv: string;
  secretFile: string;
  secretFileText: string;
  rootSleeper: number;
  nobodySleeper: number;
  ipcKey: number;
}

interface Case {
  name: string;
  timeout: number;
  commands: (c: Ctx) => string;
  /** Extra checks on the tutor's report beyond the ones every case gets. */
  verify?: (c: Ctx, r: Run, json: any) => void;
  /** The command must have been killed at the step timeout. */
  timesOut?: boolean;
}

const markerFiles = (c: Ctx) => [`/root/nt-${c.tag}`, `/etc/nt-${c.tag}`, `/tmp/nt-${c.tag}-host`, `/var/tmp/nt-${c.tag}`, `/nt-${c.tag}`, `${c.home}/nt-${c.tag}`, `/usr/nt-${c.tag}`];

const CASES: Case[] = [
  {
    name: 'writes files all over the host file system',
    timeout: 10,
    commands: (c) => `for f in ${markerFiles(c).join(' ')}; do echo pwned > "$f"; done; mkdir /etc/nt-${c.tag}.d; cp /etc/hostname /etc/nt-${c.tag}; true`,
  },
  {
    name: "reads root-only files and the caller's environment",
    timeout: 10,
    commands: (c) => `cat /etc/shadow ${c.secretFile}; env; cat /proc/[0-9]*/environ | tr '\\0' '\\n'; grep -rs ${c.secretEnv.slice(0, 8)} /proc/*/environ /proc/*/cmdline; ls /root; true`,
    verify: (c, r) => {
      const all = r.stdout + r.stderr;
      expect(all).not.toContain(c.secretEnv);
      expect(all).not.toContain(c.secretFileText);
      const shadowRoot = IS_ROOT ? readFileSync('/etc/shadow', 'utf8').split('\n').find((l) => l.startsWith('root:')) : undefined;
      if (shadowRoot) expect(all).not.toContain(shadowRoot);
    },
  },
  {
    name: "unmounts /proc to reach the host's and nsenters host processes",
    timeout: 15,
    commands: (c) =>
      `unshare -m sh -c 'umount /proc; umount -l /proc; for p in $(ls /proc | grep -E "^[0-9]+$"); do nsenter -t $p -n ip link add ${c.short}a type veth peer name ${c.short}b; nsenter -t $p -m mount -t tmpfs nt-${c.tag} /mnt; done'; ` +
      `nsenter -t ${c.rootSleeper} -n -m ip link add ${c.short}c type veth peer name ${c.short}d; nsenter -t 1 -U -n true; ls /proc/${c.rootSleeper}; true`,
  },
  {
    name: 'makes links, addresses, routes and named namespaces',
    timeout: 10,
    commands: (c) => `ip link add ${c.short}a type veth peer name ${c.short}b && ip addr add 192.168.237.1/24 dev ${c.short}a && ip link set ${c.short}a up && ip route add 192.168.238.0/24 dev ${c.short}a && ip netns add ${c.short}n && ip link add ${c.short}d type dummy; true`,
  },
  {
    name: 'renames the host and its NIS domain',
    timeout: 10,
    commands: (c) => `hostname nt-${c.tag}; domainname nt-${c.tag}; echo nt-${c.tag} > /proc/sys/kernel/hostname; unshare -m sh -c 'umount /proc; echo nt-${c.tag} > /proc/sys/kernel/domainname'; hostname; true`,
  },
  {
    name: 'creates SysV shared memory, semaphores and message queues',
    timeout: 10,
    commands: (c) => `perl -e 'shmget(${c.ipcKey}, 4096, 0x3b6) // die "shm $!"; semget(${c.ipcKey}, 1, 0x3b6) // die "sem $!"; msgget(${c.ipcKey}, 0x3b6) // die "msg $!"; print "made\\n"'; ipcs; true`,
  },
  {
    name: 'kills host processes by PID, through /proc and through cgroup.kill',
    timeout: 15,
    commands: (c) =>
      `kill -9 ${c.rootSleeper} ${c.nobodySleeper}; pkill -9 -x sleep; ` +
      `find /sys/fs/cgroup -name cgroup.kill 2>/dev/null | while read k; do echo 1 > "$k"; done; ` +
      `unshare -m sh -c 'umount /sys; find /sys/fs/cgroup -name cgroup.kill | while read k; do echo 1 > "$k"; done; find /sys/fs/cgroup -name tasks | while read t; do for p in $(cat "$t"); do kill -9 $p; done; done'; true`,
  },
  {
    name: 'leaves a setsid process holding the output pipe, then hangs past the timeout',
    timeout: 3,
    timesOut: true,
    commands: (c) => `setsid sleep 1000${c.tag.length} & setsid sh -c 'sleep 2000 & sleep 3000' & sleep 100`,
  },
  {
    name: 'prints without end (yes)',
    timeout: 3,
    timesOut: true,
    commands: () => `yes`,
    verify: (_c, r, json) => {
      const out: string = json.steps[0].commands[0].output;
      expect(out.length).toBeLessThan(100 * 1024);
      expect(out).toMatch(/bytes of output not kept/);
      expect(r.stdout.length).toBeLessThan(2 * 1024 * 1024);
    },
  },
  {
    name: 'starts a fork bomb',
    timeout: 8,
    commands: () => `f() { f | f & }; f; sleep 3; true`,
  },
  {
    name: 'allocates memory and fills every writable file system',
    timeout: 20,
    commands: () => `perl -e '$x = "a" x 3e9; print length $x' ; head -c 2000000000 /dev/zero > /tmp/big; head -c 2000000000 /dev/zero > /dev/shm/big; head -c 100000000 /dev/zero > /run/big; df -h /tmp /dev/shm /run; true`,
    verify: (_c, _r, json) => {
      const out: string = json.steps[0].commands[0].output;
      expect(out).toMatch(/Out of memory|Cannot allocate/);
      expect(out).toMatch(/No space left on device/);
    },
  },
  {
    name: "writes escape sequences to its output and to every terminal device it can find",
    timeout: 10,
    commands: () => `printf '\\033]0;pwned\\007\\033[2J\\033[31mred\\233m\\r\\n'; for t in /dev/tty /dev/console /dev/tty0 /dev/tty1 /dev/pts/*; do printf '\\033]0;pwned\\007' > $t; done; ls /dev/pts; true`,
    verify: (_c, _r, json) => {
      const out: string = json.steps[0].commands[0].output;
      expect(out).toContain('red');
      // Only the lab's own, fresh devpts: no terminal of the host's is there.
      expect(out).toMatch(/^ptmx$/m);
      expect(out).not.toMatch(/^\d+$/m);
    },
  },
  {
    name: 'remounts the host file system read-write and unmounts its private mounts',
    timeout: 10,
    commands: (c) => `mount -o remount,rw /; touch /nt-${c.tag}; umount /tmp; umount -l /tmp; umount -l /dev/pts; umount -l /run; mount --bind /tmp /etc && touch /etc/nt-${c.tag}; unshare -m sh -c 'mount -o remount,rw /; touch /nt-${c.tag}'; true`,
  },
  {
    name: "forges the agent's protocol through /proc/1/fd",
    timeout: 10,
    commands: () => `echo 'X 1 0 - 0' > /proc/1/fd/1; echo 'READY' > /proc/1/fd/1; printf 'O 1 1 %s\\n' 1b5d303b70776e6564 > /proc/1/fd/1; cat /proc/1/environ; true`,
  },
];

function lessonPack(dir: string, c: Case, ctx: Ctx): void {
  mkdirSync(dir, { recursive: true });
  const md = `---
id: hostile
title: Hostile
---

## Attempt {#attempt}

\`\`\`sh run
${c.commands(ctx)}
\`\`\`

\`\`\`yaml step
timeout: ${c.timeout}
expect:
  - exit: 0
hints: [none]
\`\`\`

## The lab still works {#after}

\`\`\`sh run
ip link add ok0 type veth peer name ok1
\`\`\`

\`\`\`yaml step
expect:
  - link: ok0
hints: [none]
\`\`\`
`;
  writeFileSync(join(dir, '01-hostile.md'), md);
}

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, PATH: SBIN_PATH } });
  return (r.stdout ?? '') + (r.stderr ?? '');
}

const readHost = (f: string) => {
  try {
    return readFileSync(f, 'utf8').trim();
  } catch {
    return '';
  }
};

/** What the pack may have changed on the host, reduced to the things carrying its tag. */
function hostTraces(c: Ctx): string[] {
  const found: string[] = [];
  for (const f of markerFiles(c)) if (existsSync(f)) found.push(`file ${f}`);
  if (existsSync(`/etc/nt-${c.tag}.d`)) found.push(`dir /etc/nt-${c.tag}.d`);
  for (const l of sh('ip', ['-br', 'link']).split('\n')) if (l.startsWith(c.short)) found.push(`link ${l.split(/\s+/)[0]}`);
  for (const l of sh('ip', ['netns', 'list']).split('\n')) if (l.startsWith(c.short)) found.push(`netns ${l}`);
  for (const l of sh('findmnt', ['-rn', '-o', 'SOURCE,TARGET']).split('\n')) if (l.includes(c.tag)) found.push(`mount ${l}`);
  if (readHost('/proc/sys/kernel/hostname') === `nt-${c.tag}`) found.push('hostname');
  if (readHost('/proc/sys/kernel/domainname') === `nt-${c.tag}`) found.push('domainname');
  const key = `0x${c.ipcKey.toString(16).padStart(8, '0')}`;
  if (sh('ipcs', []).includes(key)) found.push(`ipc ${key}`);
  for (const pid of [c.rootSleeper, c.nobodySleeper]) if (!existsSync(`/proc/${pid}`) || readHost(`/proc/${pid}/stat`).split(' ')[2] === 'Z') found.push(`host process ${pid} killed`);
  return found;
}

/** Run unprivileged, this suite may not even look in /root: what it may not look at, the pack could not have written either. */
function removeIfAllowed(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw e;
  }
}

/** Undoes an escape, so that a failing case leaves the machine as it was. */
function cleanUp(c: Ctx, hostname: string, domainname: string): void {
  for (const f of markerFiles(c)) removeIfAllowed(f);
  removeIfAllowed(`/etc/nt-${c.tag}.d`);
  for (const l of sh('ip', ['-br', 'link']).split('\n')) if (l.startsWith(c.short)) sh('ip', ['link', 'del', l.split(/[\s@]+/)[0]]);
  for (const l of sh('ip', ['netns', 'list']).split('\n')) if (l.startsWith(c.short)) sh('ip', ['netns', 'del', l.split(' ')[0]]);
  for (const l of sh('findmnt', ['-rn', '-o', 'SOURCE,TARGET']).split('\n')) if (l.includes(c.tag)) sh('umount', ['-l', l.split(' ')[1]]);
  if (readHost('/proc/sys/kernel/hostname') === `nt-${c.tag}`) writeFileSync('/proc/sys/kernel/hostname', hostname);
  if (readHost('/proc/sys/kernel/domainname') === `nt-${c.tag}`) writeFileSync('/proc/sys/kernel/domainname', domainname);
  for (const flag of ['-M', '-S', '-Q']) sh('ipcrm', [flag, String(c.ipcKey)]);
}

let tmp = '';
const sleepers: ChildProcess[] = [];
let hostName = '';
let domainName = '';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nt-hostile-'));
  chmodSync(tmp, 0o755);
  hostName = readHost('/proc/sys/kernel/hostname');
  domainName = readHost('/proc/sys/kernel/domainname');
});

afterAll(() => {
  for (const s of sleepers) s.kill('SIGKILL');
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A host process the pack will try to kill; as root, one runs as nobody, the identity of a root-started lab. */
function sleeper(asNobody: boolean): number {
  const argv = asNobody && IS_ROOT ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'sleep', '600'] : ['sleep', '600'];
  const p = spawn(argv[0], argv.slice(1), { stdio: 'ignore' });
  sleepers.push(p);
  return p.pid!;
}

describe.skipIf(!SANDBOX).concurrent('a hostile lesson pack cannot reach the host, hang or crash the tutor', () => {
  for (const mode of MODES) {
    for (const [i, c] of CASES.entries()) {
      it(`${mode}: ${c.name}`, async () => {
        const tag = `${mode === 'root' ? 'r' : 'u'}${i}${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
        const dir = join(tmp, tag);
        const home = join(dir, 'home');
        mkdirSync(home, { recursive: true });
        const secretFile = join(tmp, `${tag}-secret`);
        const ctx: Ctx = {
          tag,
          short: `nx${tag.slice(0, 10)}`.slice(0, 12),
          mode,
          home,
          secretEnv: `s3cret-${tag}-${Math.random().toString(36).slice(2)}`,
          secretFile,
          secretFileText: `root-only-${tag}-${Math.random().toString(36).slice(2)}`,
          rootSleeper: sleeper(false),
          nobodySleeper: sleeper(true),
          ipcKey: 0x4e540000 + ((i * 2 + (mode === 'root' ? 0 : 1)) * 97 + (process.pid % 1000)),
        };
        writeFileSync(secretFile, ctx.secretFileText, { mode: 0o600 });
        lessonPack(join(dir, 'pack'), c, ctx);
        if (mode === 'rootless' && IS_ROOT) chownSync(home, NOBODY, NOBODY);
        const argv0 = mode === 'rootless' && IS_ROOT ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, BIN] : [process.execPath, BIN];
        const env = { HOME: home, XDG_STATE_HOME: join(home, '.state'), NT_TEST_SECRET: ctx.secretEnv };
        const t0 = Date.now();
        let r: Run | undefined;
        try {
          r = await runProgram([...argv0, 'check', '--json', '--lessons', join(dir, 'pack')], { env, timeoutMs: (c.timeout + 150) * 1000 });
          const wall = Date.now() - t0;
          const traces = hostTraces(ctx);
          expect(traces, 'what changed on the host').toEqual([]);
          expectNoCrash(r, c.name);
          expect([0, 1], `exit status\n${r.stderr}`).toContain(r.code);
          expectNoEscapes(r.stdout + r.stderr, c.name);
          expect(r.stdout).not.toMatch(/\\u001b|\\u009b/i);
          const json = JSON.parse(r.stdout);
          const [attempt, after] = json.steps;
          // Ends by itself: the step soon after its timeout (judging included), the whole run well before
          // the runner's kill, the lab still usable after it. The bounds leave room for a loaded machine;
          // lab-confinement.test.ts times the command's own end tightly.
          expect(attempt.durationMs).toBeLessThan((c.timeout + 15) * 1000);
          expect(after.passed, JSON.stringify(after.checks)).toBe(true);
          expect(wall).toBeLessThan((c.timeout + 100) * 1000);
          if (c.timesOut) expect(attempt.commands[0].timedOut).toBe(true);
          c.verify?.(ctx, r, json);
        } finally {
          cleanUp(ctx, hostName, domainName);
        }
      });
    }
  }

});
