/** What the instructor is looking at (the list, the steps, one learner) and how keys move it: pure, no Ink. */

export interface DashboardView {
  screen: 'learners' | 'steps' | 'learner';
  /** Index of the selected row in the current list. */
  selected: number;
  /** First row shown. */
  scroll: number;
  /** The learner whose attempts are open. */
  learnerId?: string;
  quit: boolean;
}

export const START: DashboardView = { screen: 'learners', selected: 0, scroll: 0, quit: false };

export interface DashKey {
  input: string;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  ctrl?: boolean;
}

/** `rows`: how many rows the list shows; `ids`: the learners in the order shown. */
export function dashboardKey(v: DashboardView, k: DashKey, ctx: { rows: number; ids: string[]; steps: number }): DashboardView {
  if ((k.ctrl && k.input === 'c') || (k.input === 'q' && !k.ctrl)) return { ...v, quit: true };
  if (v.screen === 'learner') {
    if (k.escape || k.return || k.input === 'h' || k.tab) return { ...v, screen: 'learners' };
    return v;
  }
  if (k.tab || k.input === 's') return { ...v, screen: v.screen === 'steps' ? 'learners' : 'steps', selected: 0, scroll: 0 };
  if (k.escape && v.screen === 'steps') return { ...v, screen: 'learners', selected: 0, scroll: 0 };
  const n = v.screen === 'steps' ? ctx.steps : ctx.ids.length;
  const page = Math.max(1, ctx.rows - 1);
  let sel = v.selected;
  if (k.upArrow || k.input === 'k') sel--;
  else if (k.downArrow || k.input === 'j') sel++;
  else if (k.pageUp) sel -= page;
  else if (k.pageDown || k.input === ' ') sel += page;
  else if (k.input === 'g') sel = 0;
  else if (k.input === 'G') sel = n - 1;
  else if (k.return && v.screen === 'learners' && ctx.ids[v.selected]) return { ...v, screen: 'learner', learnerId: ctx.ids[v.selected] };
  else return v;
  return follow({ ...v, selected: sel }, n, ctx.rows);
}

/** Keeps the selection inside the list and on screen. */
export function follow(v: DashboardView, n: number, rows: number): DashboardView {
  const selected = Math.max(0, Math.min(v.selected, n - 1));
  let scroll = Math.min(v.scroll, Math.max(0, n - rows));
  if (selected < scroll) scroll = selected;
  if (selected >= scroll + rows) scroll = selected - rows + 1;
  return selected === v.selected && scroll === v.scroll ? v : { ...v, selected, scroll: Math.max(0, scroll) };
}
