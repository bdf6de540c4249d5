import { describe, expect, test } from 'vitest';
import { markdownToText } from '../../../src/text/markdown-text.js';
import { stringWidth } from '../../../src/ui/text.js';

describe('markdown as plain text', () => {
  test('no Markdown markers survive; code blocks are indented; lists keep their bullets', () => {
    const out = markdownToText('Hi **b** and `x` [l](http://a)\n\n- one\n- two `c`\n\n```sh\nip a\n```', 60);
    expect(out).toEqual(['Hi b and x l (http://a)', '', '- one', '- two c', '', '    ip a']);
  });
  test('paragraphs wrap to the width by display columns, CJK included', () => {
    const out = markdownToText('网络命名空间是 Linux 内核提供的一种隔离机制，**每个命名空间**都有自己的网络设备、地址、路由表和防火墙规则。', 30);
    expect(out.length).toBeGreaterThan(2);
    for (const l of out) expect(stringWidth(l)).toBeLessThanOrEqual(30);
    expect(out.join('')).not.toContain('**');
  });
  test('control sequences in a pack do not reach the terminal', () => {
    expect(markdownToText('a \u001b[2Jb').join('\n')).not.toContain('\u001b');
  });
});
