/** The engine on the real kernel, with small fixture courses (the shipped course has its own file). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, hostNetwork, processesMatching, ROOT, sandboxWorks, spawnCli, waitFor } from './helpers.js';
import { FULL } from '../setup/tier.js';
import { tempDir } from '../setup/temp-dir.js';

const mini = join(ROOT, 'test/fixtures/lessons/mini');

/**
 * The slow fixture with a sleep only this test runs (`sleep 30.<marker>`), so process checks see
 * this test's processes and never another run's `sleep 30`.
 */
function slowCourse(marker: string, timeout = 2): { dir: string; sleep: string } {
  const dir = tempDir('nt-slow-');
  const sleep = `sleep 30.${marker}`;
  const text = readFileSync(join(ROOT, 'test/fixtures/lessons/slow/01-slow.md'), 'utf8').replace(/^sleep 30$/m, sleep).replace(/^timeout: 2$/m, `timeout: ${timeout}`);
  writeFileSync(join(dir, '01-slow.md'), text);
  return { dir, sleep };
}

describe.skipIf(!sandboxWorks())('engine on the real kernel', () => {
  it('runs a course, reports expected failures as passes, and leaves the host as it was', () => {
    const before = hostNetwork();
    const r = cliJson(['check', '--json', '--lessons', mini]);
    expect(r.code).toBe(0);
    expect(r.json.passed).toBe(true);
    expect(r.json.mode).toBe(process.getuid?.() === 0 ? 'root' : 'rootless');
    const bridge = r.json.steps.find((s: any) => s.id === 'br');
    expect(bridge.checks.find((c: any) => c.kind === 'exit')).toMatchObject({ passed: true, expectedFailure: true });
    const cap = r.json.steps.find((s: any) => s.id === 'cap');
    expect(cap.checks.filter((c: any) => c.kind === 'capture').every((c: any) => c.passed)).toBe(true);
    expect(hostNetwork()).toEqual(before);
  });

  it('runs the same with the Node.js agent, used where perl is missing', () => {
    const r = cliJson(['check', '--json', '--lessons', mini], { NETNS_TUTOR_AGENT: 'node' });
    expect(r.json.passed).toBe(true);
  });

  // environment.test.ts runs the whole shipped course without brctl in every tier; this one in the full tier.
  it.skipIf(!FULL)('runs the iproute2 equivalent where brctl is missing', () => {
    const r = cliJson(['check', '--json', '--lessons', mini], { NETNS_TUTOR_WITHOUT: 'brctl' });
    expect(r.json.passed).toBe(true);
    expect(r.json.steps.find((s: any) => s.id === 'br')).toMatchObject({ substituted: 'brctl', passed: true });
    expect(r.json.steps.find((s: any) => s.id === 'br').commands[0].command).toBe('ip link add br0 type bridge');
  });

  it('try: a wrong command fails the step, with the reason in the learner terms', () => {
    const r = cliJson(['try', '1.3', '--json', '--lessons', mini, '--', 'ip link set veth0-0 netns ns0']);
    expect(r.code).toBe(1);
    expect(r.json.passed).toBe(false);
    expect(r.json.checks.find((c: any) => c.kind === 'netns')).toMatchObject({ passed: false, actual: 'namespaces present: none' });
    const ok = cliJson(['try', '1.1', '--json', '--lessons', mini, '--', 'ip', 'link', 'add', 'veth0-0', 'type', 'veth', 'peer', 'name', 'veth0-1']);
    expect(ok.code).toBe(0);
    expect(ok.json.passed).toBe(true);
  });

  it('kills a hung command with its process group at the timeout, and the lab stays usable', () => {
    const tag = `hang${process.pid}`;
    const slow = slowCourse(`${process.pid}1`);
    const r = cliJson(['check', '--json', '--lessons', slow.dir], { NETNS_TUTOR_TAG: tag });
    const [hang, after] = r.json.steps;
    expect(hang.commands[1]).toMatchObject({ command: slow.sleep, timedOut: true, signal: 'SIGKILL' });
    expect(hang.checks[0].actual).toMatch(/timed out after 2s/);
    expect(after.passed).toBe(true);
    expect(processesMatching(slow.sleep)).toEqual([]);
    expect(processesMatching(tag)).toEqual([]);
  });

  it('no lesson command reaches the host namespace', () => {
    const dir = tempDir('nt-iso-');
    writeFileSync(
      join(dir, '01-escape.md'),
      `---\nid: escape\ntitle: Escape\n---\n\n## Try to touch the host {#t}\n\n\`\`\`sh run\nip link add ntescape0 type veth peer name ntescape1\nip addr add 192.168.100.77/24 dev ntescape0\nip link set ntescape0 up\nip netns add ntescape\nip route add 192.168.101.0/24 dev ntescape0\n\`\`\`\n\n\`\`\`yaml step\nexpect:\n  - link: ntescape0\n    up: true\n  - addr: 192.168.100.77/24\n    dev: ntescape0\n  - netns: ntescape\nhints: [a]\n\`\`\`\n`,
    );
    const before = hostNetwork();
    const r = cliJson(['check', '--json', '--lessons', dir]);
    expect(r.json.passed).toBe(true);
    expect(hostNetwork()).toEqual(before);
    expect(before.links).not.toContain('ntescape0');
  });

  // Every signal at a lesson's first step is kill-every-step.test.ts's; here SIGKILL by default, all four in the full tier.
  for (const [i, signal] of (['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP'] as const).entries()) {
    it.skipIf(!FULL && signal !== 'SIGKILL')(`leaves nothing behind when the tutor gets ${signal} mid-step`, async () => {
      const tag = `kill${signal}${process.pid}`;
      // The step's timeout is longer than the test: the tutor is killed while the sleep runs, however loaded the machine.
      const slow = slowCourse(`${process.pid}${i + 2}`, 60);
      const before = hostNetwork();
      const child = spawnCli(['check', '--lessons', slow.dir], { NETNS_TUTOR_TAG: tag });
      const running = await waitFor(() => processesMatching(slow.sleep).length > 0 && processesMatching(tag).length > 0, 60_000);
      expect(running).toBe(true);
      child.kill(signal);
      await new Promise((r) => child.once('exit', r));
      expect(await waitFor(() => processesMatching(tag).length === 0 && processesMatching(slow.sleep).length === 0, 5000)).toBe(true);
      expect(hostNetwork()).toEqual(before);
    });
  }

  it('lint: a broken lesson is reported as file:line with exit 1 and no stack trace', () => {
    const dir = tempDir('nt-bad-');
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, '01-bad.md'), '---\nid: bad\ntitle: Bad\n---\n\n## S\n\n```sh run\ntrue\n```\n\n```yaml step\nexpect:\n  - lnk: veth0-0\nhints: [a]\n```\n');
    const r = cli(['lint', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, '01-bad.md')}:14: expectation 1 has no known kind`);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
    const s = cli(['check', '--lessons', dir]);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('01-bad.md:14:');
  });
});
