/**
 * The one key table: which key means which intent in which context. Input
 * handling (the reducer), the `?` help screen and the status line are all
 * derived from it, so a key binding lives here and nowhere else.
 */
import type { MessageKey } from './messages.js';
import { stringWidth } from './text.js';

/** A key, as Ink's useInput reports it (only the fields the UI uses). */
export interface KeyPress {
  input: string;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
}

/**
 * Where the learner is, as far as keys are concerned. `step` is a step not
 * yet passed and idle; `passed` and `error` are idle too; `preparing` is
 * while the lab is built for the step (most keys work, Ctrl+C stops it);
 * `busy` is while a step runs or is checked.
 */
export type KeyContext = 'menu' | 'step' | 'passed' | 'error' | 'preparing' | 'busy' | 'editing' | 'present' | 'help';

export type Intent =
  // lesson view
  | 'run'
  | 'advance'
  | 'retry'
  | 'next'
  | 'prev'
  | 'hint'
  | 'type'
  | 'shell'
  | 'topology'
  | 'reset'
  | 'lessons'
  | 'explanations'
  | 'cancel'
  // scrolling (lesson view and presenter mode)
  | 'scrollUp'
  | 'scrollDown'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  // the line editor
  | 'submit'
  | 'leaveTyping'
  | 'clearLine'
  | 'historyPrev'
  | 'historyNext'
  | 'cursorLeft'
  | 'cursorRight'
  | 'lineStart'
  | 'lineEnd'
  | 'deleteBack'
  | 'deleteForward'
  // the menu
  | 'menuUp'
  | 'menuDown'
  | 'open'
  | 'back'
  // presenter mode
  | 'presentNext'
  | 'presentPrev'
  // everywhere
  | 'help'
  | 'quit'
  | 'interrupt';

/** One key: a named key, a printable character, or Ctrl plus a letter. */
export type KeySpec =
  | { name: 'return' | 'escape' | 'tab' | 'backspace' | 'delete' | 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end' }
  | { char: string }
  | { ctrl: string };

export interface Binding {
  intent: Intent;
  contexts: readonly KeyContext[];
  keys: readonly KeySpec[];
  /** How the keys are written in help (defaults to the first key's name). */
  label?: string;
  /** The help screen's line; bindings without one are described by a neighbour's (n / p). */
  help?: MessageKey;
  /**
   * The status line's label and how much it matters there (higher stays
   * longer at narrow widths). While the lab is prepared only the keys
   * marked `preparing` are offered: the others wait for the lab.
   */
  status?: { label: MessageKey; priority: number; preparing?: true };
}

const IDLE = ['step', 'passed', 'error', 'preparing'] as const;
const LESSON = ['step', 'passed', 'error', 'preparing', 'busy'] as const;
const SCROLLING = [...LESSON, 'present', 'help'] as const;
const ALL = ['menu', ...LESSON, 'present'] as const;

const k = {
  enter: { name: 'return' },
  esc: { name: 'escape' },
  up: { name: 'up' },
  down: { name: 'down' },
  left: { name: 'left' },
  right: { name: 'right' },
  pgUp: { name: 'pageUp' },
  pgDn: { name: 'pageDown' },
  home: { name: 'home' },
  end: { name: 'end' },
  tab: { name: 'tab' },
  bs: { name: 'backspace' },
  del: { name: 'delete' },
  ch: (c: string): KeySpec => ({ char: c }),
  ctrl: (c: string): KeySpec => ({ ctrl: c }),
} as const satisfies Record<string, KeySpec | ((c: string) => KeySpec)>;

/** Order matters twice: the first binding that matches wins, and help and the status line list keys in this order. */
export const BINDINGS: readonly Binding[] = [
  { intent: 'run', contexts: ['step', 'preparing'], keys: [k.enter], label: 'Enter', help: 'helpEnter', status: { label: 'keyEnterRun', priority: 100 } },
  { intent: 'advance', contexts: ['passed'], keys: [k.enter], status: { label: 'keyEnterNext', priority: 100 } },
  { intent: 'retry', contexts: ['error'], keys: [k.enter], status: { label: 'keyEnterRetry', priority: 100 } },
  { intent: 'type', contexts: IDLE, keys: [k.ch('e')], help: 'helpE', status: { label: 'keyEdit', priority: 95 } },
  { intent: 'shell', contexts: IDLE, keys: [k.ch('s')], help: 'helpS', status: { label: 'keyShell', priority: 90 } },
  { intent: 'hint', contexts: IDLE, keys: [k.ch('h')], help: 'helpH', status: { label: 'keyHint', priority: 85 } },
  { intent: 'reset', contexts: IDLE, keys: [k.ch('r')], help: 'helpR', status: { label: 'keyReset', priority: 70 } },
  { intent: 'explanations', contexts: IDLE, keys: [k.ch('x')], help: 'helpX', status: { label: 'keyMoreExplanations', priority: 75 } },
  { intent: 'next', contexts: IDLE, keys: [k.ch('n')], label: 'n / p', help: 'helpNP', status: { label: 'keyNP', priority: 40 } },
  { intent: 'prev', contexts: IDLE, keys: [k.ch('p')] },
  { intent: 'topology', contexts: LESSON, keys: [k.ch('t')], help: 'helpT', status: { label: 'keyTopo', priority: 20, preparing: true } },
  { intent: 'lessons', contexts: IDLE, keys: [k.ch('l')], help: 'helpL', status: { label: 'keyList', priority: 30 } },

  { intent: 'scrollUp', contexts: SCROLLING, keys: [k.up], help: 'helpArrows', status: { label: 'keyScroll', priority: 50, preparing: true } },
  { intent: 'scrollDown', contexts: SCROLLING, keys: [k.down], help: 'helpArrows' },
  { intent: 'pageUp', contexts: SCROLLING, keys: [k.pgUp], help: 'helpArrows' },
  { intent: 'pageDown', contexts: SCROLLING, keys: [k.pgDn], help: 'helpArrows' },
  { intent: 'top', contexts: SCROLLING, keys: [k.home], help: 'helpArrows' },
  { intent: 'bottom', contexts: SCROLLING, keys: [k.end], help: 'helpArrows' },

  { intent: 'submit', contexts: ['editing'], keys: [k.enter], label: 'Enter', help: 'helpSubmit', status: { label: 'keyEnterRun', priority: 100 } },
  { intent: 'leaveTyping', contexts: ['editing'], keys: [k.esc], label: 'Esc', help: 'helpEsc', status: { label: 'keyEsc', priority: 90 } },
  { intent: 'historyPrev', contexts: ['editing'], keys: [k.up], help: 'helpHistory', status: { label: 'keyHistory', priority: 50 } },
  { intent: 'historyNext', contexts: ['editing'], keys: [k.down], help: 'helpHistory' },
  { intent: 'cursorLeft', contexts: ['editing'], keys: [k.left, k.ctrl('b')], help: 'helpCursor' },
  { intent: 'cursorRight', contexts: ['editing'], keys: [k.right, k.ctrl('f')], help: 'helpCursor' },
  { intent: 'lineStart', contexts: ['editing'], keys: [k.home, k.ctrl('a')], help: 'helpCursor' },
  { intent: 'lineEnd', contexts: ['editing'], keys: [k.end, k.ctrl('e')], help: 'helpCursor' },
  { intent: 'deleteBack', contexts: ['editing'], keys: [k.bs], help: 'helpBackspace' },
  { intent: 'deleteForward', contexts: ['editing'], keys: [k.del], help: 'helpBackspace' },

  { intent: 'menuUp', contexts: ['menu'], keys: [k.up, k.ch('k')], label: '↑ / ↓', help: 'helpMenuMove', status: { label: 'keyChoose', priority: 80 } },
  { intent: 'menuDown', contexts: ['menu'], keys: [k.down, k.ch('j'), k.tab] },
  { intent: 'open', contexts: ['menu'], keys: [k.enter], label: 'Enter', help: 'helpOpen', status: { label: 'keyOpen', priority: 100 } },
  { intent: 'back', contexts: ['menu'], keys: [k.esc, k.ch('l')], label: 'Esc', help: 'helpBack', status: { label: 'keyBack', priority: 60 } },

  { intent: 'presentNext', contexts: ['present'], keys: [k.enter, k.ch(' ')], label: 'Space / Enter', help: 'helpSpace', status: { label: 'keySpace', priority: 100 } },
  { intent: 'presentPrev', contexts: ['present'], keys: [k.ch('p')], label: 'p', help: 'helpP', status: { label: 'keyPrev', priority: 60 } },

  // Ctrl+C: cancel what runs; while typing, clear the line (see the editor); otherwise quit.
  { intent: 'cancel', contexts: ['busy', 'preparing'], keys: [k.ctrl('c')], label: 'Ctrl+C', help: 'helpCtrlC', status: { label: 'keyCtrlC', priority: 100, preparing: true } },
  { intent: 'clearLine', contexts: ['editing'], keys: [k.ctrl('c'), k.ctrl('u')], label: 'Ctrl+C', help: 'helpClearLine', status: { label: 'keyClearLine', priority: 60 } },
  { intent: 'interrupt', contexts: ['menu', 'step', 'passed', 'error', 'present'], keys: [k.ctrl('c')] },

  { intent: 'help', contexts: ALL, keys: [k.ch('?')], label: '?', help: 'helpHelp', status: { label: 'keyHelp', priority: 98, preparing: true } },
  { intent: 'quit', contexts: ALL, keys: [k.ch('q')], label: 'q', help: 'helpQ', status: { label: 'keyQuit', priority: 99, preparing: true } },
];

const NAMES: Record<Extract<KeySpec, { name: string }>['name'], string> = {
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  backspace: 'Backspace',
  delete: 'Delete',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  home: 'Home',
  end: 'End',
};

function specMatches(s: KeySpec, key: KeyPress): boolean {
  if ('ctrl' in s) return (key.ctrl === true && key.input === s.ctrl) || key.input === String.fromCharCode(s.ctrl.charCodeAt(0) - 96);
  if ('char' in s) return !key.ctrl && !key.meta && key.input === s.char;
  switch (s.name) {
    case 'return':
      return key.return === true;
    case 'escape':
      return key.escape === true;
    case 'tab':
      return key.tab === true;
    case 'backspace':
      return key.backspace === true;
    case 'delete':
      return key.delete === true;
    case 'up':
      return key.upArrow === true;
    case 'down':
      return key.downArrow === true;
    case 'left':
      return key.leftArrow === true;
    case 'right':
      return key.rightArrow === true;
    case 'pageUp':
      return key.pageUp === true;
    case 'pageDown':
      return key.pageDown === true;
    case 'home':
      return key.home === true;
    case 'end':
      return key.end === true;
  }
}

/** The intent of a key in a context, or null when the key means nothing there. */
export function intentFor(context: KeyContext, key: KeyPress): Intent | null {
  for (const b of BINDINGS) if (b.contexts.includes(context) && b.keys.some((s) => specMatches(s, key))) return b.intent;
  return null;
}

/** How a key is written for the learner. */
export function keyName(s: KeySpec): string {
  if ('ctrl' in s) return `Ctrl+${s.ctrl.toUpperCase()}`;
  if ('char' in s) return s.char === ' ' ? 'Space' : s.char;
  return NAMES[s.name];
}

/**
 * The help screen's rows for a mode: the keys as written, and what they do.
 * Bindings that share a help line share a row ("↑ ↓ PgUp PgDn Home End");
 * the keys for typing a command come last, in a section of their own.
 */
export function helpRows(mode: 'learn' | 'present'): { keys: string; help: MessageKey; typing: boolean }[] {
  const contexts: readonly KeyContext[] = mode === 'present' ? ['present'] : [...LESSON, 'editing'];
  const rows: { keys: string[]; help: MessageKey; typing: boolean }[] = [];
  for (const b of BINDINGS) {
    if (!b.help || !b.contexts.some((c) => contexts.includes(c))) continue;
    const typing = b.contexts.every((c) => c === 'editing');
    const names = b.label ? [b.label] : [keyName(b.keys[0])];
    const row = rows.find((r) => r.help === b.help);
    if (row) for (const n of names) row.keys.includes(n) || row.keys.push(n);
    else rows.push({ keys: names, help: b.help, typing });
  }
  return [...rows.filter((r) => !r.typing), ...rows.filter((r) => r.typing)].map((r) => ({ keys: r.keys.join(' '), help: r.help, typing: r.typing }));
}

/** The status line's candidates in a context, in table order, each with its priority. */
export function statusEntries(context: KeyContext, available: (intent: Intent) => boolean = () => true): { intent: Intent; label: MessageKey; priority: number }[] {
  return BINDINGS.filter((b) => b.status && b.contexts.includes(context) && (context !== 'preparing' || b.status.preparing) && available(b.intent)).map((b) => ({ intent: b.intent, label: b.status!.label, priority: b.status!.priority }));
}

/**
 * Keeps the keys that fit in `width` columns after `left`, dropping the
 * lowest priorities first and keeping table order. Drawn as " left " then
 * "  key" for each key.
 */
export function fitStatus(left: string, entries: { text: string; priority: number }[], width: number): string[] {
  const sep = 2;
  let used = stringWidth(left) + 2;
  const keep = new Set<number>();
  const byPriority = entries.map((e, i) => ({ ...e, i })).sort((a, b) => b.priority - a.priority || a.i - b.i);
  for (const e of byPriority) {
    const w = stringWidth(e.text) + sep;
    if (used + w > width) continue;
    keep.add(e.i);
    used += w;
  }
  return entries.filter((_, i) => keep.has(i)).map((e) => e.text);
}

/**
 * Ink hands a burst of keys that arrived together as one input (three quick
 * Backspaces are "\x7f\x7f\x7f", text typed just before Enter ends in "\r").
 * Splits it back into keypresses so that every key counts. Line breaks inside
 * the text stay text: that is a paste, and a command is one line.
 */
export function splitKeys(k: KeyPress): KeyPress[] {
  const s = k.input;
  if (s.length < 2 || k.ctrl || k.meta) return [k];
  // eslint-disable-next-line no-control-regex
  if (!/[\u007F\u0008]|[\r\n]$/.test(s)) return [k];
  const out: KeyPress[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ input: text });
    text = '';
  };
  [...s].forEach((ch, i) => {
    if (ch === '\u007F' || ch === '\u0008') {
      flush();
      out.push({ input: '', backspace: true });
    } else if ((ch === '\r' || ch === '\n') && i === s.length - 1) {
      flush();
      out.push({ input: '', return: true });
    } else text += ch;
  });
  flush();
  return out;
}
