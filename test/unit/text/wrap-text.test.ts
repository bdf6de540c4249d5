/** Chinese wraps like Chinese: breaks between characters, never before a closing mark or after an opening one. */
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { joinSoftBreaks, wrapText } from '../../../src/text/wrap-text.js';

const ZH = '这一课里，两个命名空间 hosta 和 hostb 扮演两台机器，它们之间用一根普通的网线相连，这叫底层网络（underlay）。你要在它上面搭一条 VXLAN 隧道，也就是覆盖网络（overlay），然后跟着一个 ping 穿过它。';

describe('wrapText', () => {
  it('never starts a line with closing punctuation nor ends one with opening punctuation, at any width', () => {
    for (let w = 16; w <= 80; w++) {
      const lines = wrapText(ZH, w);
      for (const l of lines) {
        expect(stringWidth(l), `width ${w}: ${l}`).toBeLessThanOrEqual(w);
        expect(l, `width ${w}`).not.toMatch(/^[，。、；：！？）」』》]/);
        expect(l, `width ${w}`).not.toMatch(/[（「『《]$/);
      }
      expect(lines.join('').replace(/ /g, ''), `width ${w}`).toBe(ZH.replace(/ /g, ''));
    }
  });

  it('breaks between CJK characters, so lines are filled (not cut only at spaces)', () => {
    const lines = wrapText(ZH, 40);
    expect(lines.length).toBeLessThanOrEqual(5);
    expect(stringWidth(lines[0])).toBeGreaterThanOrEqual(38);
  });

  it('keeps colour codes and does not count them', () => {
    const lines = wrapText(`\u001b[1m${ZH}\u001b[22m`, 30);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(30);
    expect(lines.join('')).toContain('\u001b[1m');
  });

  it('leaves text without CJK to the usual word wrapping', () => {
    expect(wrapText('a veth pair is a cable with two ends', 12)).toEqual(['a veth pair', 'is a cable', 'with two', 'ends']);
  });
});

describe('joinSoftBreaks', () => {
  it('joins CJK lines with nothing and other lines with a space', () => {
    expect(joinSoftBreaks('网线\n相连，\nthe end\nof it 中文\n中文')).toBe('网线相连，the end of it 中文中文');
  });
});
