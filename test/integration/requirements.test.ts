/** Pack requirements: declared tools and kernel features are checked before anything of the course runs. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeKernelFeatures } from '../../src/lab/requirements.js';
import { cli, cliJson, hostNetwork, ROOT, sandboxWorks } from './helpers.js';

const vlanPack = join(ROOT, 'test/fixtures/lessons/requires-vlan');

describe.skipIf(!sandboxWorks())('requirements of a lesson pack', () => {
  it('probes kernel features in a throwaway sandbox: this kernel has bridges and VXLAN but no 802.1Q VLAN', async () => {
    const before = hostNetwork();
    const r = await probeKernelFeatures(['bridge', 'vxlan', 'vlan', 'warp-drive']);
    expect(r.get('bridge')).toEqual({ ok: true });
    expect(r.get('vxlan')).toEqual({ ok: true });
    expect(r.get('vlan')?.ok).toBe(false);
    expect(r.get('warp-drive')).toMatchObject({ ok: false, detail: expect.stringMatching(/unknown feature/) });
    expect(hostNetwork()).toEqual(before);
  });

  it('check names what is missing, with what to install, and runs nothing', () => {
    const r = cli(['check', '--lessons', vlanPack]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('netns-tutor-no-such-tool is not installed (lesson 1): sudo apt-get install netns-tutor-no-such-tool');
    expect(r.stderr).toMatch(/the kernel has no vlan \(lesson 1\).*: sudo modprobe 8021q/);
    expect(r.stderr).not.toMatch(/vxlan|nf_nat|kernel has no bridge/);
    const zh = cli(['check', '--lessons', vlanPack, '--lang', 'zh']);
    expect(zh.stderr).toMatch(/内核不支持 vlan（第 1 课需要）/);
  });

  it('doctor --lessons reports the pack, and the shipped course has what it declares', () => {
    const pack = cliJson(['doctor', '--json', '--lessons', vlanPack]);
    expect(pack.json.ok).toBe(false);
    expect(pack.json.findings.filter((f: any) => f.id.startsWith('course:')).map((f: any) => [f.id, f.fix])).toEqual([
      ['course:tool:netns-tutor-no-such-tool', 'sudo apt-get install netns-tutor-no-such-tool   (Fedora: sudo dnf install netns-tutor-no-such-tool)'],
      ['course:kernel:vlan', 'sudo modprobe 8021q   (or a kernel built with it)'],
    ]);
    const shipped = cliJson(['doctor', '--json']);
    expect(shipped.json.findings.find((f: any) => f.id === 'course')).toMatchObject({ status: 'ok' });
  });
});
