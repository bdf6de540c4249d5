/**
 * The lab itself, driven directly: who its commands run as, what they see, and
 * how their processes end (killed at the timeout with all they started, or left
 * running in the background when the command ended by itself). Both agents.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxWorks } from '../integration/helpers.js';
import { Lab } from '../../src/lab/sandbox.js';
import { IS_ROOT } from './helpers.js';

const SANDBOX = sandboxWorks();

for (const agent of ['perl', 'node'] as const) {
  describe.skipIf(!SANDBOX)(`the lab (${agent} agent)`, () => {
    let lab: Lab;
    beforeAll(async () => {
      process.env.NETNS_TUTOR_AGENT = agent;
      process.env.NT_TEST_SECRET = 'caller-secret-5d1a';
      lab = await Lab.start();
    });
    afterAll(async () => {
      await lab?.close();
      delete process.env.NETNS_TUTOR_AGENT;
      delete process.env.NT_TEST_SECRET;
    });

    it('runs commands as one unprivileged host user, with a clean environment', async () => {
      const id = await lab.run('id -u; cat /proc/self/uid_map');
      const [uid, map] = id.stdout.trim().split('\n');
      expect(Number(uid)).toBe(IS_ROOT ? 65534 : process.getuid!());
      expect(map.trim().split(/\s+/)).toEqual([uid, uid, '1']);
      const env = await lab.run('env');
      const names = env.stdout.trim().split('\n').map((l) => l.split('=')[0]).sort();
      expect(names.filter((n) => !['PWD', 'OLDPWD', 'SHLVL', '_'].includes(n))).toEqual(['HOME', 'LANG', 'LC_ALL', 'PATH']);
      expect(env.stdout).not.toContain('caller-secret-5d1a');
    });

    it('keeps only the capabilities the course needs, and cannot unmount its /proc', async () => {
      const caps = await lab.run('grep CapEff /proc/self/status');
      // NET_BIND_SERVICE 10, NET_ADMIN 12, NET_RAW 13, SYS_ADMIN 21.
      expect(caps.stdout.trim().split(/\s+/)[1]).toBe((2 ** 10 + 2 ** 12 + 2 ** 13 + 2 ** 21).toString(16).padStart(16, '0'));
      const proc = await lab.run('unshare -m sh -c "umount /proc || umount -l /proc" && echo UNMOUNTED; ls /proc | grep -c "^[0-9]"');
      expect(proc.stdout).not.toContain('UNMOUNTED');
      expect(Number(proc.stdout.trim().split('\n').pop())).toBeLessThan(20);
    });

    it('kills everything a command started at its timeout, even after setsid and a double fork', async () => {
      const t0 = Date.now();
      const r = await lab.run('setsid sleep 4001 & (setsid sh -c "sleep 4002 &" &) ; sleep 4003', { timeoutMs: 1500 });
      expect(r.timedOut).toBe(true);
      expect(Date.now() - t0).toBeLessThan(6000);
      const ps = await lab.run('ps -eo args');
      expect(ps.stdout).not.toMatch(/sleep 400[123]/);
    });

    it('ends a command that leaves a background process holding its output, and keeps that process running', async () => {
      const t0 = Date.now();
      const r = await lab.run('sleep 4004 & echo started', { timeoutMs: 10_000 });
      expect(r.timedOut).toBe(false);
      expect(r.stdout).toBe('started\n');
      expect(Date.now() - t0).toBeLessThan(3000);
      const ps = await lab.run('ps -eo args');
      expect(ps.stdout).toMatch(/sleep 4004/);
      // A server started on purpose serves later commands.
      await lab.run('nc -l -p 7001 > /tmp/got & sleep 0.3');
      const send = await lab.run('echo hello | nc -q 1 127.0.0.1 7001; sleep 0.3; cat /tmp/got', { timeoutMs: 5000 });
      expect(send.stdout).toContain('hello');
      // Until the next step starts: then what earlier commands left running is stopped.
      lab.stopLeftovers();
      const after = await lab.run('ps -eo args');
      expect(after.stdout).not.toMatch(/sleep 4004|nc -l/);
    });

    it('keeps what is written after the command exits, while its output is still open (the exit can arrive before the output)', async () => {
      // The shell exits at once; its background child writes 100 ms later, then closes the pipes: within the grace, so it is kept.
      const r = await lab.run('(sleep 0.1; echo late) & echo early', { timeoutMs: 10_000 });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('early\nlate\n');
      const quiet = await lab.run('(sleep 0.1; echo late >&2) &', { timeoutMs: 10_000 });
      expect(quiet.stderr).toBe('late\n');
    });

    it('caps output at the head and the tail, says what it dropped, and strips control sequences', async () => {
      const r = await lab.run("printf '\\033]0;title\\007first\\n'; head -c 3000000 /dev/zero | tr '\\0' y; printf '\\nlast\\033[2J\\n'", { timeoutMs: 20_000 });
      expect(r.output.startsWith('first\nyyy')).toBe(true);
      expect(r.output).toMatch(/last\n$/);
      expect(r.droppedBytes).toBeGreaterThan(2_000_000);
      expect(r.output).toMatch(/\d+ bytes of output not kept/);
      expect(r.output.length).toBeLessThan(100 * 1024);
      // eslint-disable-next-line no-control-regex
      expect(r.output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    });
  });
}

describe.skipIf(!SANDBOX)('the lab dies with the tutor', () => {
  it('leaves no lab process once its launcher is killed', async () => {
    const tag = `confine-${process.pid}`;
    process.env.NETNS_TUTOR_TAG = tag;
    const lab = await Lab.start();
    delete process.env.NETNS_TUTOR_TAG;
    await lab.run('sleep 4005 &');
    lab.killNow();
    let left = '';
    for (let i = 0; i < 50; i++) {
      left = spawnSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' }).stdout.split('\n').filter((l) => (l.includes(tag) || l.includes('sleep 4005')) && !l.startsWith('Z')).join('\n');
      if (!left) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).toBe('');
  });
});
