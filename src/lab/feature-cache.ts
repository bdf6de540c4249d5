/** Kernel features already shown present on this boot of this kernel, in this mode: a start need not probe them again. */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files/write-atomic.js';
import { release } from 'node:os';
import { join } from 'node:path';
import { readBounded } from '../files/read-bounded.js';
import { stateDir } from '../files/state-dir.js';

export interface FeatureCache {
  path: string;
  /** Boot, kernel release and lab mode: a reboot, another kernel or another mode probes afresh. */
  key: string;
}

/** The cache for this machine's current boot, or undefined when the boot cannot be named (nothing is cached then). */
export function featureCache(mode: string, env: NodeJS.ProcessEnv = process.env): FeatureCache | undefined {
  if (env.NETNS_TUTOR_NO_CACHE) return undefined;
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (!boot) return undefined;
    return { path: join(stateDir(env), 'cache', 'kernel-features.json'), key: `${boot} ${release()} ${mode}` };
  } catch {
    return undefined;
  }
}

/** The features this cache holds as present; none when it is missing, malformed or from another boot. */
export function knownPresent(cache: FeatureCache): Set<string> {
  const r = readBounded(cache.path, 64 * 1024);
  if (!r.ok) return new Set();
  try {
    const v = JSON.parse(r.text) as { key?: unknown; present?: unknown };
    if (v.key !== cache.key || !Array.isArray(v.present)) return new Set();
    return new Set(v.present.filter((x): x is string => typeof x === 'string'));
  } catch {
    return new Set();
  }
}

/** Adds features found present. Absent ones are never kept: the learner may load the module and try again. */
export function rememberPresent(cache: FeatureCache, names: Iterable<string>): void {
  const present = knownPresent(cache);
  const before = present.size;
  for (const n of names) present.add(n);
  if (present.size === before) return;
  try {
    writeFileAtomic(cache.path, JSON.stringify({ key: cache.key, present: [...present].sort() }), { owner: true });
  } catch {
    // A read-only state folder only means probing again next time.
  }
}
