/** readLabState on the real kernel: everything, or only the sections a step's checks need. */
import { describe, expect, it } from 'vitest';
import { readLabState } from '../../src/lab/state.js';
import { SANDBOX, startLab } from './helpers.js';

describe.skipIf(!SANDBOX)('readLabState', () => {
  it('reads the host and every named namespace; without `ids`, the namespaces are those seen holding a link', async () => {
    const lab = await startLab();
    const r = await lab.run('ip link add veth0-0 type veth peer name veth0-1 && ip netns add ns0 && ip netns add empty && ip link set veth0-1 netns ns0 && ip addr add 10.0.0.1/24 dev veth0-0 && ip link set up veth0-0');
    expect(r.code, r.output).toBe(0);
    const all = await readLabState(lab);
    expect(all.namespaces.sort()).toEqual(['empty', 'ns0']);
    expect(all.links.filter((l) => l.name !== 'lo').map((l) => `${l.ns}:${l.name}`)).toEqual(['host:veth0-0', 'ns0:veth0-1']);
    expect(all.links.find((l) => l.name === 'veth0-0')?.peer?.ns).toBe('ns0');
    expect(all.routes).toEqual([{ ns: 'host', dst: '10.0.0.0/24', dev: 'veth0-0', prefsrc: '10.0.0.1', gateway: undefined }]);
    const some = await readLabState(lab, new Set(['links']));
    // Every namespace has its own lo, so each is seen through its links, once.
    expect(some.namespaces.sort()).toEqual(['empty', 'ns0']);
    expect(some.links.filter((l) => l.name !== 'lo').map((l) => `${l.ns}:${l.name}`)).toEqual(['host:veth0-0', 'ns0:veth0-1']);
    expect(some.routes).toEqual([]);
    expect(some.neigh).toEqual([]);
  });
});
