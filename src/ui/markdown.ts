/** Lesson prose (Markdown) -> terminal lines fitted to a width, with marked-terminal. */
import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';
import { wrapHanging } from './text.js';

const instances = new Map<number, Marked>();

function markedFor(width: number): Marked {
  let m = instances.get(width);
  if (!m) {
    // reflowText is off: marked-terminal reflows by String.length, which
    // breaks CJK lines; wrapHanging wraps by display width instead.
    m = new Marked(markedTerminal({ width, reflowText: false, emoji: false, tab: 2, showSectionPrefix: false }));
    // marked-terminal renders the text of tight list items raw (`code` and
    // **bold** left as typed); parse their inline tokens instead.
    m.use({
      renderer: {
        text(token) {
          if (typeof token === 'object' && 'tokens' in token && token.tokens?.length) return this.parser.parseInline(token.tokens);
          return false;
        },
      },
    });
    instances.set(width, m);
  }
  return m;
}

const cache = new Map<string, string[]>();

/** Renders Markdown to lines of at most `width` columns (ANSI styles kept). */
export function renderMarkdown(md: string, width: number): string[] {
  const w = Math.max(10, width);
  const key = `${w}\u0000${md}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let text: string;
  try {
    text = markedFor(w).parse(md, { async: false }) as string;
  } catch {
    text = md;
  }
  const lines = wrapHanging(text.replace(/\s+$/, ''), w);
  // Collapse runs of blank lines; the view is short.
  const out: string[] = [];
  for (const l of lines) if (l.trim() || (out.length && out[out.length - 1].trim())) out.push(l.replace(/\s+$/, ''));
  if (cache.size > 200) cache.clear();
  cache.set(key, out);
  return out;
}
