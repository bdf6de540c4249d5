/**
 * A deterministic lab on the real kernel: whatever the machine's IPv4 settings,
 * every namespace of the lab starts from the kernel's defaults. The machine's
 * values are stood in for by NETNS_TUTOR_TEST_MACHINE_IPV4 (applied inside the
 * sandbox as the kernel's copy from init_net would be); this machine's own
 * settings are only read, never changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliJson, hostNetwork, ROOT, sandboxWorks } from './helpers.js';
import { FULL } from '../setup/tier.js';

const routed = join(ROOT, 'test/fixtures/lessons/routed');
/** A Docker host forwards; Ubuntu filters by reverse path (loose); some hosts answer ARP for others. */
const HOSTILE = 'net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.default.rp_filter=2 net.ipv4.conf.default.proxy_arp=1 net.ipv4.conf.all.arp_ignore=1';

const machineIpv4 = () =>
  ['ip_forward', 'conf/all/rp_filter', 'conf/default/rp_filter', 'conf/default/proxy_arp', 'conf/all/arp_ignore'].map((p) => readFileSync(`/proc/sys/net/ipv4/${p}`, 'utf8').trim());

const failedChecks = (json: any) => json.steps.flatMap((s: any) => s.checks.filter((c: any) => !c.passed).map((c: any) => `${s.ref} ${c.label}: ${c.actual}`));

describe.skipIf(!sandboxWorks())('the lab starts from the kernel defaults, whatever the machine', () => {
  it('a routed pack passes on a plain machine and on a hostile one, and the machine is left as it was', () => {
    const before = { net: hostNetwork(), ipv4: machineIpv4() };
    const plain = cliJson(['check', '--json', '--lessons', routed]);
    expect(failedChecks(plain.json)).toEqual([]);
    const hostile = cliJson(['check', '--json', '--lessons', routed], { NETNS_TUTOR_TEST_MACHINE_IPV4: HOSTILE });
    expect(failedChecks(hostile.json)).toEqual([]);
    expect(hostile.code).toBe(0);
    expect({ net: hostNetwork(), ipv4: machineIpv4() }).toEqual(before);
  });

  it('without the normalisation the hostile values reach every namespace, and the same pack fails', () => {
    const r = cliJson(['check', '--json', '--lessons', routed], { NETNS_TUTOR_TEST_MACHINE_IPV4: HOSTILE, NETNS_TUTOR_TEST_NO_IPV4_DEFAULTS: '1' });
    expect(r.code).toBe(1);
    const failed = failedChecks(r.json);
    // The sandbox's own namespace, a namespace made by an earlier command, and one made and set in one line.
    expect(failed).toContain('1.1 net.ipv4.ip_forward is 0 in host: net.ipv4.ip_forward is 1');
    expect(failed).toContain('1.1 net.ipv4.conf.all.rp_filter is 0 in c1: net.ipv4.conf.all.rp_filter is 2');
    expect(failed).toContain('1.1 forwarding is off, so c1 cannot reach upstream: it got a reply');
    expect(failed).toContain('1.3 net.ipv4.ip_forward is 0 in c2: net.ipv4.ip_forward is 1');
    // What the learner set in the same line as `ip netns add` is never overwritten.
    expect(failed.some((f: string) => f.startsWith('1.3 net.ipv4.conf.all.rp_filter is 2'))).toBe(false);
  });

  // The routed pack above runs in every tier; the whole course (a full check) in the full tier (docs/testing.md).
  it.skipIf(!FULL)('the whole shipped course passes on a hostile machine', () => {
    const r = cliJson(['check', '--json'], { NETNS_TUTOR_TEST_MACHINE_IPV4: HOSTILE });
    expect(failedChecks(r.json)).toEqual([]);
    expect(r.json.passed).toBe(true);
  });
});
