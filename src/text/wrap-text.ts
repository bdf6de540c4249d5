/**
 * Wrapping that knows Chinese: a line may break between any two CJK characters,
 * never before closing punctuation (，。、）…) nor after opening punctuation (（「…),
 * and soft line breaks inside CJK text join without a space. Text without CJK
 * goes to wrap-ansi unchanged. ANSI colour codes are carried, never counted.
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const CLOSING = new Set([...'，。、；：！？）」』》〉】〕’”…·％,.;:!?)]}']);
const FULL_WIDTH_MARK = /[，。、；：！？（）「」『』《》]/;
const OPENING = new Set([...'（「『《〈【〔‘“([{']);
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/y;

/** Joins the lines of a paragraph: a space between words, nothing between two CJK characters. */
export function joinSoftBreaks(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, (m, at: number) => {
    const before = text[at - 1] ?? '';
    const after = text[at + m.length] ?? '';
    return (CJK.test(before) && CJK.test(after)) || FULL_WIDTH_MARK.test(before) || FULL_WIDTH_MARK.test(after) ? '' : ' ';
  });
}

/** Units a line cannot break inside: a run of non-CJK non-space characters, one CJK character, spaces; punctuation glued on. */
function units(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  let glueNext = false;
  while (i < s.length) {
    ANSI.lastIndex = i;
    const esc = ANSI.exec(s);
    let u: string;
    if (esc) u = esc[0];
    else if (s[i] === ' ') {
      let j = i;
      while (s[j] === ' ') j++;
      u = s.slice(i, j);
    } else if (CJK.test(s[i]) || CLOSING.has(s[i]) || OPENING.has(s[i])) u = String.fromCodePoint(s.codePointAt(i)!);
    else {
      let j = i;
      while (j < s.length && s[j] !== ' ' && s[j] !== '\u001b' && !CJK.test(s[j]) && !CLOSING.has(s[j]) && !OPENING.has(s[j])) j++;
      u = s.slice(i, j);
    }
    i += u.length;
    const last = out.length - 1;
    const isEsc = u.startsWith('\u001b');
    if (last >= 0 && (isEsc || glueNext || (CLOSING.has(u[0]) && out[last] !== ' ' && !out[last].startsWith(' ')))) out[last] += u;
    else out.push(u);
    if (!isEsc) glueNext = OPENING.has(u[u.length - 1]);
  }
  return out;
}

/** `width`-column lines of one paragraph (no newlines in it). */
function wrapLine(s: string, width: number, trim: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  for (const u of units(s)) {
    const uw = stringWidth(u);
    if (w + uw > width && w > 0) {
      lines.push(trim ? line.replace(/ +$/, '') : line);
      line = '';
      w = 0;
      if (u.trim() === '' && trim) continue;
    }
    if (uw > width) {
      // A word longer than a line: cut it where it must be cut.
      for (const piece of wrapAnsi(u, width, { hard: true, trim: false }).split('\n')) {
        if (line) lines.push(line);
        line = piece;
        w = stringWidth(piece);
      }
      continue;
    }
    line += u;
    w += uw;
  }
  lines.push(trim ? line.replace(/ +$/, '') : line);
  return lines;
}

/** Hard-wraps to `width` columns (ANSI allowed); lines of the input stay lines. */
export function wrapText(s: string, width: number, trim = true): string[] {
  const cols = Math.max(1, width);
  if (!CJK.test(s)) return wrapAnsi(s, cols, { hard: true, trim, wordWrap: true }).split('\n');
  return s.split('\n').flatMap((l) => wrapLine(trim ? l.replace(/^ +/, (m) => (l.trim() ? m : '')) : l, cols, trim));
}
