/** A failure to build or use the sandbox, and the labs still open: what the CLI needs before it loads the sandbox itself. */
import type { LabMode } from './confine.js';

export type LabErrorCode = 'userns-apparmor' | 'userns-max' | 'userns-limit' | 'userns-disabled' | 'userns-failed' | 'root-failed' | 'no-unshare' | 'closed';

/** A failure to build or use the sandbox, with a code the front ends turn into advice. */
export class LabError extends Error {
  constructor(
    readonly code: LabErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export function defaultMode(): LabMode {
  return process.geteuid?.() === 0 ? 'root' : 'rootless';
}

/** Every lab still open in this process, so that an exiting tutor can take them down. */
export const liveLabs = new Set<{ killNow(): void }>();
