// Global set-up of the suite: its own temporary folder (removed at the end), a current build, and the CI sandbox guard.
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuild, guardSandbox } from './guard.mjs';

const RUN_DIR = /^nt-run-(\d+)-/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders of earlier runs that were killed before their teardown: their vitest process is gone. */
function removeOrphans(parent: string): void {
  for (const name of readdirSync(parent)) {
    const m = RUN_DIR.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

export default function setup(): () => void {
  guardSandbox();
  const rebuilt = ensureBuild();
  if (rebuilt) process.stderr.write(`test set-up: ${rebuilt}; rebuilt dist/\n`);
  // Every test and every CLI it starts make their temporary folders in here; it goes when the run ends.
  const previous = process.env.TMPDIR;
  removeOrphans(tmpdir());
  const dir = mkdtempSync(join(tmpdir(), `nt-run-${process.pid}-`));
  // Learners simulated under other uids must be able to reach their folders inside.
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
