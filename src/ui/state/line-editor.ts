/**
 * The line editor for typed commands, as pure functions over intents from
 * the key table: a cursor counted in graphemes (CJK and emoji move as one),
 * Home/End, deletion either side, and the session's history on ↑/↓.
 */
import type { Intent } from '../keys.js';

export interface LineEditor {
  /** The text as graphemes, so the cursor never splits a character. */
  chars: readonly string[];
  /** 0..chars.length: the place the next character goes. */
  cursor: number;
  /** Which history entry is shown (an index into history), or null for the line being written. */
  recalled: number | null;
  /** The line being written, kept while the learner browses the history. */
  draft: readonly string[];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const split = (s: string): string[] => [...segmenter.segment(s)].map((x) => x.segment);

export function emptyEditor(text = ''): LineEditor {
  const chars = split(text);
  return { chars, cursor: chars.length, recalled: null, draft: [] };
}

export const editorText = (e: LineEditor): string => e.chars.join('');

/**
 * Typed or pasted text goes in at the cursor. A command is one line: line
 * breaks become spaces and other control characters are dropped.
 */
export function insertText(e: LineEditor, text: string): LineEditor {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\r\n|\r|\n/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
  if (!clean) return e;
  const add = split(clean);
  return { ...e, chars: [...e.chars.slice(0, e.cursor), ...add, ...e.chars.slice(e.cursor)], cursor: e.cursor + add.length, recalled: null };
}

function recall(e: LineEditor, history: readonly string[], to: number | null): LineEditor {
  const chars = to === null ? e.draft : split(history[to]);
  return { chars, cursor: chars.length, recalled: to, draft: e.recalled === null ? e.chars : e.draft };
}

/** Applies an editing intent; intents that are not about editing leave the line as it is. */
export function editLine(e: LineEditor, intent: Intent, history: readonly string[]): LineEditor {
  switch (intent) {
    case 'cursorLeft':
      return { ...e, cursor: Math.max(0, e.cursor - 1) };
    case 'cursorRight':
      return { ...e, cursor: Math.min(e.chars.length, e.cursor + 1) };
    case 'lineStart':
      return { ...e, cursor: 0 };
    case 'lineEnd':
      return { ...e, cursor: e.chars.length };
    case 'deleteBack':
      if (e.cursor === 0) return e;
      return { ...e, chars: [...e.chars.slice(0, e.cursor - 1), ...e.chars.slice(e.cursor)], cursor: e.cursor - 1 };
    case 'deleteForward':
      if (e.cursor >= e.chars.length) return e;
      return { ...e, chars: [...e.chars.slice(0, e.cursor), ...e.chars.slice(e.cursor + 1)] };
    case 'clearLine':
      return { ...e, chars: [], cursor: 0, recalled: null };
    case 'historyPrev': {
      if (!history.length) return e;
      const at = e.recalled === null ? history.length - 1 : Math.max(0, e.recalled - 1);
      return at === e.recalled ? e : recall(e, history, at);
    }
    case 'historyNext': {
      if (e.recalled === null) return e;
      return recall(e, history, e.recalled + 1 < history.length ? e.recalled + 1 : null);
    }
    default:
      return e;
  }
}

/** The line split around the cursor, for drawing it: before, the character under the cursor (or a space at the end), after. */
export function cursorParts(e: LineEditor): { before: string; at: string; after: string } {
  return { before: e.chars.slice(0, e.cursor).join(''), at: e.chars[e.cursor] ?? ' ', after: e.chars.slice(e.cursor + 1).join('') };
}
