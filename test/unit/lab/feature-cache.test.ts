/** Kernel features found present are remembered for this boot, kernel and mode; absent ones are always probed again. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { featureCache, knownPresent, rememberPresent, type FeatureCache } from '../../../src/lab/feature-cache.js';
import { courseRequirementProblems } from '../../../src/lab/requirements.js';
import type { Lab } from '../../../src/lab/sandbox.js';
import type { Course } from '../../../src/lesson/types.js';

const base = mkdtempSync(join(tmpdir(), 'nt-feature-cache-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const cacheAt = (key = 'boot-1 6.1 root'): FeatureCache => ({ path: join(base, String(n++), 'kernel-features.json'), key });

const course: Course = {
  dir: '/pack',
  lessons: [{ id: 'l1', title: 'One', requires: { tools: [], kernel: ['bridge', 'vlan'] }, intro: '', steps: [], file: '/pack/01.md' }],
};

/** A lab whose kernel has every feature but 802.1Q VLANs, counting how often it is started. */
function fakeLab() {
  const seen = { starts: 0, probes: [] as string[] };
  const start = async () => {
    seen.starts++;
    return {
      run: async (command: string) => {
        seen.probes.push(command);
        return /type vlan/.test(command) ? { code: 2, output: 'Error: Unknown device type.\n' } : { code: 0, output: '' };
      },
      close: async () => {},
    } as unknown as Lab;
  };
  return { seen, start };
}

describe('the kernel-feature cache', () => {
  it('is keyed by this boot, the kernel release and the mode, in the state folder', () => {
    const c = featureCache('rootless', { XDG_STATE_HOME: '/x/state' });
    expect(c?.path).toBe('/x/state/netns-tutor/cache/kernel-features.json');
    expect(c?.key).toMatch(/^[0-9a-f-]{36} \S+ rootless$/);
    expect(featureCache('rootless', { XDG_STATE_HOME: '/x/state', NETNS_TUTOR_NO_CACHE: '1' })).toBeUndefined();
  });

  it('remembers what it is told, and only for its own key', () => {
    const c = cacheAt();
    expect(knownPresent(c)).toEqual(new Set());
    rememberPresent(c, ['vxlan', 'bridge']);
    rememberPresent(c, ['veth']);
    expect(knownPresent(c)).toEqual(new Set(['bridge', 'veth', 'vxlan']));
    expect(knownPresent({ ...c, key: 'boot-2 6.1 root' })).toEqual(new Set());
  });

  it('treats a malformed file as empty, and a folder it cannot write as no cache', () => {
    const c = cacheAt();
    rememberPresent(c, ['bridge']);
    for (const bad of ['{', 'null', '{"key": "boot-1 6.1 root", "present": "bridge"}']) {
      writeFileSync(c.path, bad);
      expect(knownPresent(c)).toEqual(new Set());
    }
    const blocker = join(base, `file-${n++}`);
    writeFileSync(blocker, '');
    const unwritable = { path: join(blocker, 'kernel-features.json'), key: 'k' };
    expect(() => rememberPresent(unwritable, ['bridge'])).not.toThrow();
    expect(knownPresent(unwritable)).toEqual(new Set());
  });

  it('lets a start skip the probe lab once every declared feature was found present', async () => {
    const c = cacheAt();
    const lab = fakeLab();
    const first = await courseRequirementProblems(course, lab.start, c);
    expect(first.map((p) => p.name)).toEqual(['vlan']);
    expect(lab.seen.starts).toBe(1);
    expect(JSON.parse(readFileSync(c.path, 'utf8')).present).toEqual(['bridge']);
    // vlan was absent: it is probed again (the learner may have loaded the module), bridge is not.
    const again = await courseRequirementProblems(course, lab.start, c);
    expect(again.map((p) => p.name)).toEqual(['vlan']);
    expect(lab.seen.starts).toBe(2);
    expect(lab.seen.probes.filter((p) => /type bridge/.test(p))).toHaveLength(1);
    const bridgeOnly: Course = { ...course, lessons: [{ ...course.lessons[0], requires: { tools: [], kernel: ['bridge'] } }] };
    expect(await courseRequirementProblems(bridgeOnly, lab.start, c)).toEqual([]);
    expect(lab.seen.starts).toBe(2);
  });

  it('is not used without a cache (doctor always probes)', async () => {
    const lab = fakeLab();
    await courseRequirementProblems(course, lab.start);
    await courseRequirementProblems(course, lab.start);
    expect(lab.seen.starts).toBe(2);
  });
});
