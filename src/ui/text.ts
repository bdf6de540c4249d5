/**
 * Width-aware text helpers. Everything here counts terminal columns with
 * string-width (a CJK character takes two), never String.length.
 */
import stringWidth from 'string-width';
import { stripControls } from '../text/sanitize.js';
import { wrapText } from '../text/wrap-text.js';

export { stringWidth };

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Graphemes of a plain (ANSI-free) string with their column widths. */
export function graphemes(s: string): { g: string; w: number }[] {
  const out: { g: string; w: number }[] = [];
  for (const { segment } of segmenter.segment(s)) out.push({ g: segment, w: stringWidth(segment) });
  return out;
}

/** Our own styled text without its colours, to measure it: the one sanitizer does the stripping. */
export function stripAnsi(s: string): string {
  return stripControls(s);
}

/**
 * Makes command output safe to draw: stripped by the one sanitizer (no escape sequences, no
 * control characters, a carriage return keeps only what was written after it), tabs as spaces.
 */
export function sanitizeOutput(s: string): string {
  return stripControls(s).replace(/\t/g, '    ');
}

/** Cuts a plain string to `width` columns, ending with … when it had to cut. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(s) <= width) return s;
  let out = '';
  let used = 0;
  for (const { g, w } of graphemes(s)) {
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return out + '…';
}

/** Pads a plain string with spaces to `width` columns (never cuts). */
export function padEnd(s: string, width: number): string {
  const w = stringWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

/** Hard-wraps a string (ANSI allowed) to `width` columns, breaking words only when they do not fit a line. */
export function wrap(s: string, width: number, trim = true): string[] {
  if (width <= 0) return [];
  return wrapText(s, width, trim);
}

/**
 * Wraps each line on its own, keeping its indentation (and a list bullet) as
 * a hanging indent for the lines it wraps onto.
 */
export function wrapHanging(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const plain = stripAnsi(line);
    if (stringWidth(plain) <= width) {
      out.push(line);
      continue;
    }
    const m = /^(\s*(?:[*\-+•]\s+|\d+[.)]\s+)?)/.exec(plain);
    let indent = m ? stringWidth(m[1]) : 0;
    if (indent > width / 2) indent = 0;
    const prefix = m ? m[1] : '';
    if (indent === 0 || !line.startsWith(prefix)) {
      out.push(...wrap(line.trimEnd(), width));
      continue;
    }
    const body = wrap(line.slice(prefix.length).trimEnd(), width - indent);
    body.forEach((l, i) => out.push((i === 0 ? prefix : ' '.repeat(indent)) + l));
  }
  return out;
}

/** The last `n` non-empty-tail lines of a text. */
export function tailLines(text: string, n: number): string[] {
  if (n <= 0) return [];
  const lines = text.replace(/\n+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return [];
  return lines.slice(-n);
}

/** Keeps only the end of a growing buffer, cut at a line start. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(text.length - maxChars);
  const nl = cut.indexOf('\n');
  return nl >= 0 && nl < cut.length - 1 ? cut.slice(nl + 1) : cut;
}
