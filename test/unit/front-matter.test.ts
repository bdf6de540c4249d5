import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lesson/parse.js';

const lesson = (front: string) => `---\nid: x\ntitle: X\n${front}\n---\n\n## S\n\n\`\`\`sh run\ntrue\n\`\`\`\n\n\`\`\`yaml step\nexpect:\n  - exit: 0\nhints: [h]\n\`\`\`\n`;

describe('front matter: requires and sysctl', () => {
  it('carries tools, kernel features and IPv4 settings into the lesson', () => {
    const r = parseLesson('l.md', lesson('requires:\n  tools: [nft, nc]\n  kernel: [nf_nat, vxlan]\nsysctl:\n  net.ipv4.conf.all.rp_filter: 1\n  net.ipv4.ip_local_port_range: "32768 60999"'));
    expect(r.errors).toEqual([]);
    expect(r.lesson).toMatchObject({ requires: { tools: ['nft', 'nc'], kernel: ['nf_nat', 'vxlan'] }, sysctl: { 'net.ipv4.conf.all.rp_filter': '1', 'net.ipv4.ip_local_port_range': '32768 60999' } });
    expect(parseLesson('l.md', lesson('')).lesson).not.toHaveProperty('requires');
  });
  it('names the known kernel features when one is unknown', () => {
    const r = parseLesson('l.md', lesson('requires:\n  kernel: [warp]'));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 5 });
    expect(r.errors[0].message).toMatch(/a kernel feature: one of veth, bridge, .*vlan.*vxlan/);
  });
  it('takes only IPv4 settings in sysctl (they are per namespace; others could reach the machine)', () => {
    expect(parseLesson('l.md', lesson('sysctl:\n  kernel.hostname: x')).errors[0].message).toMatch(/must be an IPv4 setting in dotted form: it starts with net\.ipv4\./);
    expect(parseLesson('l.md', lesson('sysctl:\n  net.ipv4.ip_forward: [1]')).errors).toHaveLength(1);
  });
});
