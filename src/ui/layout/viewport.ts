/**
 * Which lines of a tall body a fixed number of rows shows, and the markers
 * that say what is hidden ("↑ 12 more lines" on the first row, "↓ 3 more
 * lines" on the last). Pure, so the scroll behaviour is tested directly.
 */

export interface Viewport {
  /** First body line shown. */
  top: number;
  /** How many body lines are shown. */
  shown: number;
  /** Lines hidden above and below (a marker row says each). */
  above: number;
  below: number;
  /** The largest useful `top`: the end of the body in view. */
  max: number;
  /** Rows a page moves. */
  page: number;
}

/**
 * `scroll` is the first line the learner asked for (clamped; a huge number
 * means "the end"), or null to follow the anchor: the top of the body before
 * anything ran, the end (the newest result) after. `focus` is a line that
 * must stay in view when following the end (the verdict): when the end and
 * the focus do not fit together, the view starts at the focus.
 */
export function viewport(total: number, rows: number, scroll: number | null, anchor: 'top' | 'end', focus?: number): Viewport {
  const r = Math.max(1, rows);
  if (total <= r) return { top: 0, shown: total, above: 0, below: 0, max: 0, page: r };
  // With both markers showing, r - 2 lines of body fit; at either end, r - 1.
  const max = total - (r - 1);
  const wanted = scroll === null ? (anchor === 'end' ? Math.min(max, focus ?? max) : 0) : scroll;
  const top = Math.max(0, Math.min(max, wanted));
  const shown = top === 0 || top === max ? r - 1 : Math.max(1, r - 2);
  return { top, shown, above: top, below: total - top - shown, max, page: Math.max(1, r - 2) };
}
