// Global set-up of the suite: its own temporary folder (removed at the end), a current build, and the CI sandbox guard.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuild, guardSandbox } from './guard.mjs';

export default function setup(): () => void {
  guardSandbox();
  const rebuilt = ensureBuild();
  if (rebuilt) process.stderr.write(`test set-up: ${rebuilt}; rebuilt dist/\n`);
  // Every test and every CLI it starts make their temporary folders in here; it goes when the run ends.
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'nt-run-'));
  // Learners simulated under other uids must be able to reach their folders inside.
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
