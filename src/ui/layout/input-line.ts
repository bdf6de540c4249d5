/**
 * The typed command drawn over as many rows as it needs, character by
 * character (a command has no words to wrap at), with where the cursor is.
 */
import type { Paint } from './paint.js';
import { cursorParts, type LineEditor } from '../state/line-editor.js';
import { graphemes, stringWidth } from '../text.js';

export interface InputRows {
  lines: string[];
  /** The cursor's row among `lines` and its column. */
  row: number;
  col: number;
}

export function inputRows(prompt: string, ed: LineEditor, width: number, paint: Paint): InputRows {
  const w = Math.max(4, width);
  const { before, at, after } = cursorParts(ed);
  const lines: string[] = [];
  let line = paint(prompt, { bold: true, color: 'cyan' });
  let used = stringWidth(prompt);
  let row = 0;
  let col = 0;
  const put = (g: string, gw: number, style?: Parameters<Paint>[1]) => {
    if (used + gw > w) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += paint(g, style);
    used += gw;
  };
  for (const { g, w: gw } of graphemes(before)) put(g, gw, { bold: true });
  // The cursor cell: the character under it, or a space after the end.
  const atW = Math.max(1, stringWidth(at));
  if (used + atW > w) {
    lines.push(line);
    line = '';
    used = 0;
  }
  row = lines.length;
  col = used;
  put(at, atW, { inverse: true, bold: true });
  for (const { g, w: gw } of graphemes(after)) put(g, gw, { bold: true });
  lines.push(line);
  return { lines, row, col };
}
