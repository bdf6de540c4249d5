/**
 * Markdown as clean plain text for the plain transcript and the plain
 * conversation: no `**`, backticks or fences; paragraphs wrapped to a width
 * by display columns (a CJK character takes two), code blocks indented and
 * never wrapped, lists with their bullets as hanging indents.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { joinSoftBreaks, wrapText } from './wrap-text.js';
import { stripControls } from './sanitize.js';

function inline(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return decode(fallback);
  return tokens
    .map((t): string => {
      switch (t.type) {
        case 'codespan':
          return decode((t as Tokens.Codespan).text);
        case 'link': {
          const l = t as Tokens.Link;
          const text = inline(l.tokens, l.text);
          return l.href && l.href !== text ? `${text} (${l.href})` : text;
        }
        case 'br':
          return '\n';
        case 'html':
          return '';
        default:
          return 'tokens' in t && Array.isArray(t.tokens) ? inline(t.tokens as Token[], '') : decode((t as { text?: string }).text ?? t.raw);
      }
    })
    .join('');
}

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

function wrapTo(text: string, width: number, first = '', rest = first): string[] {
  const room = Math.max(10, width - Math.max(first.length, rest.length));
  return wrapText(joinSoftBreaks(text).trim(), room)
    .map((l, i) => (i === 0 ? first : rest) + l);
}

function block(tokens: Token[], width: number, out: string[]): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
        break;
      case 'heading':
      case 'paragraph':
        out.push(...wrapTo(inline((t as Tokens.Paragraph).tokens, (t as Tokens.Paragraph).text), width), '');
        break;
      case 'code':
        for (const l of (t as Tokens.Code).text.split('\n')) out.push('    ' + l);
        out.push('');
        break;
      case 'list': {
        const list = t as Tokens.List;
        list.items.forEach((item, i) => {
          const bullet = list.ordered ? `${Number(list.start || 1) + i}. ` : '- ';
          const inner: string[] = [];
          block(item.tokens, width - bullet.length, inner);
          const lines = inner.filter((l, k) => l !== '' || k < inner.length - 1);
          lines.forEach((l, k) => out.push((k === 0 ? bullet : ' '.repeat(bullet.length)) + l));
        });
        out.push('');
        break;
      }
      case 'blockquote': {
        const inner: string[] = [];
        block((t as Tokens.Blockquote).tokens, width - 2, inner);
        for (const l of inner) out.push(l ? '> ' + l : '');
        break;
      }
      case 'hr':
        out.push('---', '');
        break;
      case 'text':
        out.push(...wrapTo(inline((t as Tokens.Text).tokens, (t as Tokens.Text).text), width));
        break;
      case 'html':
        break;
      default:
        out.push(...wrapTo(decode(t.raw), width), '');
    }
  }
}

/** Markdown as plain lines of at most `width` columns (code lines excepted), untrusted text made safe. */
export function markdownToText(md: string, width = 80): string[] {
  const out: string[] = [];
  block(new Lexer().lex(stripControls(md)), width, out);
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}
