/**
 * Two tiers of real-kernel tests. The default run (CI, `npm test`) takes a fixed,
 * deterministic sample of the costly cases (every lesson still covered); with
 * NETNS_TUTOR_FULL=1 (`npm run test:full`) every case runs. docs/testing.md.
 */
export const FULL = process.env.NETNS_TUTOR_FULL === '1';

/** Every item in the full tier; else the first `n` of each group (groups in their first-seen order). */
export function sample<T>(items: readonly T[], groupOf: (item: T) => string, n = 1): T[] {
  if (FULL) return [...items];
  const taken = new Map<string, number>();
  return items.filter((item) => {
    const g = groupOf(item);
    const k = taken.get(g) ?? 0;
    taken.set(g, k + 1);
    return k < n;
  });
}
