/** An explanation as Markdown for a reader: the diagnosis, then its proven fix on a line of its own. */
import type { Lang } from '../i18n/index.js';
import { msg } from './messages.js';
import type { Explanation } from './types.js';

export function explanationMarkdown(e: Explanation, lang: Lang): string {
  return e.fix ? `${e.text}\n${msg(lang, 'fixLine', { fix: e.fix })}` : e.text;
}
