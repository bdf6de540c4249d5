/** Writing a state file whole or not at all: into a temporary file beside it, then renamed over it. Throws on failure. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** `owner`: the folder it creates is 0700 and the file 0600 (caches, the class outbox). */
export function writeFileAtomic(path: string, text: string, { owner = false } = {}): void {
  mkdirSync(dirname(path), { recursive: true, ...(owner ? { mode: 0o700 } : {}) });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, owner ? { mode: 0o600 } : undefined);
  renameSync(tmp, path);
}
