/**
 * Proving fixes: each candidate runs on its own copy of the learner's lab (a
 * fresh sandbox with the lab's history replayed), and counts only if the step
 * then passes. The learner's own lab is never touched.
 */

/** Applies `fix` to a copy of the learner's lab and says whether the step passes. */
export type ProofRun = (fix: string, signal?: AbortSignal) => Promise<boolean>;

/** At most this many fixes are proven per failed step, this many at once. */
export const PROOF_LIMIT = 3;
export const PROOF_CONCURRENCY = 3;

/** Proves every fix (a proof that throws counts as failed); `onProof` hears each as it finishes. */
export async function proveFixes(
  fixes: readonly string[],
  run: ProofRun,
  opts: { concurrency?: number; signal?: AbortSignal; onProof?: (fix: string, passed: boolean) => void } = {},
): Promise<Map<string, boolean>> {
  const proofs = new Map<string, boolean>();
  let next = 0;
  const worker = async () => {
    while (next < fixes.length && !opts.signal?.aborted) {
      const fix = fixes[next++];
      let passed = false;
      try {
        passed = await run(fix, opts.signal);
      } catch {
        passed = false;
      }
      if (opts.signal?.aborted) return;
      proofs.set(fix, passed);
      opts.onProof?.(fix, passed);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? PROOF_CONCURRENCY, fixes.length)) }, worker));
  return proofs;
}

