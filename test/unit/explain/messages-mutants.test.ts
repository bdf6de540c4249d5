/** How src/explain/messages.ts words a message: filled in each language, Chinese spacing, the capital of "The host namespace", and the text without its fix sentence. */
import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS, MESSAGES, msg, msgWithoutFix, sentence, withoutFixSentence } from '../../../src/explain/messages.js';

describe('msg', () => {
  it('fills an English message as it is', () => {
    expect(msg('en', 'linkStillUp', { dev: 'veth0-0', ns: 'the host namespace', fix: 'ip link set down veth0-0' })).toBe('veth0-0 is still UP in the host namespace. `ip link set down veth0-0`');
    // English keeps its spaces, even around Chinese words.
    expect(msg('en', 'nsStillThere', { name: '主机 命名空间', fix: 'x' })).toBe('Namespace 主机 命名空间 still exists. `x`');
  });

  it('in Chinese, drops the spaces between two Chinese words but keeps those next to names and commands', () => {
    expect(msg('zh', 'linkStillUp', { dev: 'veth0-0', ns: '主机命名空间', fix: 'ip link set down veth0-0' })).toBe('主机命名空间里的 veth0-0 仍然是 UP 的。`ip link set down veth0-0`');
    expect(msg('zh', 'linkStillUp', { dev: 'veth0-0', ns: 'ns0', fix: 'ip link set down veth0-0' })).toBe('ns0 里的 veth0-0 仍然是 UP 的。`ip link set down veth0-0`');
    // Several spaces go too, full-width punctuation counts as Chinese.
    expect(msg('zh', 'nsStillThere', { name: '主机   命名空间', fix: 'x' })).toBe('命名空间主机命名空间仍然存在。`x`');
    expect(msg('zh', 'nsStillThere', { name: '（甲） 乙', fix: 'x' })).toBe('命名空间（甲）乙仍然存在。`x`');
  });

  it('the host namespace’s own name', () => {
    expect(msg('en', 'hostNs')).toBe('the host namespace');
    expect(msg('zh', 'hostNs')).toBe('主机命名空间');
  });
});

describe('sentence', () => {
  it('capitalises the host namespace where an English sentence starts with it', () => {
    expect(sentence('en', 'the host namespace has no route. So the host namespace waits! the host namespace? the host namespace')).toBe('The host namespace has no route. So the host namespace waits! The host namespace? The host namespace');
    expect(sentence('en', 'lo in the host namespace. the host namespace is down')).toBe('lo in the host namespace. The host namespace is down');
    expect(sentence('en', 'x.the host namespace')).toBe('x.the host namespace');
    expect(sentence('zh', 'the host namespace')).toBe('the host namespace');
  });
});

describe('withoutFixSentence', () => {
  it('a template without a fix stays as it is', () => {
    expect(withoutFixSentence('Nothing to do. Really.')).toBe('Nothing to do. Really.');
  });

  it('"…: `{fix}`" keeps what comes before the colon, as a sentence', () => {
    expect(withoutFixSentence('It is down. Create it: `{fix}`.')).toBe('It is down. Create it.');
    expect(withoutFixSentence('It is down. Create it: `{fix}`')).toBe('It is down. Create it.');
    expect(withoutFixSentence('Create it: `{fix}`. Then go on.')).toBe('Create it. Then go on.');
  });

  it('a clause that is nothing but the command goes entirely, in the middle too', () => {
    expect(withoutFixSentence('{dev} still exists. `{fix}`')).toBe('{dev} still exists.');
    expect(withoutFixSentence('It failed. Once fixed, forget it with `{fix}`. Watch with `{watch}`.')).toBe('It failed. Watch with `{watch}`.');
    expect(withoutFixSentence('`{fix}` is the fix.')).toBe('');
  });

  it('ends of clauses inside `code`, or not followed by a space, do not count', () => {
    expect(withoutFixSentence('Use `a. b` here: `{fix}`')).toBe('Use `a. b` here.');
    expect(withoutFixSentence('Use 192.168.100.1 here: `{fix}`')).toBe('Use 192.168.100.1 here.');
    expect(withoutFixSentence('Wait! Really? Yes; do it: `{fix}`')).toBe('Wait! Really? Yes; do it.');
    expect(withoutFixSentence('Wait!Really?Yes;do it: `{fix}`')).toBe('Wait!Really?Yes;do it.');
    // Without a colon the whole clause goes: where it starts shows which ends counted.
    expect(withoutFixSentence('See `a. b` `{fix}`')).toBe('');
    expect(withoutFixSentence('Use 192.168.100.1 `{fix}`')).toBe('');
  });

  it('a template that opens with the command loses that clause', () => {
    expect(withoutFixSentence('{fix}. Done.')).toBe(' Done.');
  });

  it('a colon after the command, or at the very start of the clause, does not keep anything', () => {
    expect(withoutFixSentence('Done. Run `{fix}`: it works.')).toBe('Done.');
    expect(withoutFixSentence('Run `{fix}`: it works.')).toBe('');
    expect(withoutFixSentence('完成。运行 `{fix}`：好的。')).toBe('完成。');
    expect(withoutFixSentence(': `{fix}`')).toBe('');
  });

  it('a clause before a semicolon ends the text with a full stop', () => {
    expect(withoutFixSentence('It is down; `{fix}`')).toBe('It is down.');
    expect(withoutFixSentence('It is down;  see `{fix}`.')).toBe('It is down.');
  });

  it('Chinese: full-width colon and clause ends, and a full-width full stop', () => {
    expect(withoutFixSentence('它是关闭的。启用它：`{fix}`')).toBe('它是关闭的。启用它。');
    expect(withoutFixSentence('它是关闭的！`{fix}`。其他。')).toBe('它是关闭的！其他。');
    expect(withoutFixSentence('它是关闭的；`{fix}`')).toBe('它是关闭的。');
    expect(withoutFixSentence('它是关闭的？`{fix}`')).toBe('它是关闭的？');
    // A Chinese clause with a half-width colon still ends with a full-width stop.
    expect(withoutFixSentence('启用 lo: `{fix}`')).toBe('启用 lo。');
  });

  it('collapses the double spaces and trailing space left behind', () => {
    expect(withoutFixSentence('One.  `{fix}`.  Two.')).toBe('One. Two.');
    expect(withoutFixSentence('One. `{fix}`   ')).toBe('One.');
    expect(withoutFixSentence('One. `{fix}`.   ')).toBe('One.');
  });
});

describe('msgWithoutFix', () => {
  it('fills the message without its fix sentence, in each language', () => {
    expect(msgWithoutFix('en', 'addrMissing', { dev: 'veth0-1', ns: 'ns0', cidr: '10.0.0.1/24', fix: 'ip addr add 10.0.0.1/24 dev veth0-1' })).toBe('veth0-1 in ns0 does not have 10.0.0.1/24 (it has no IPv4 address at all).');
    expect(msgWithoutFix('en', 'linkMissingBridge', { dev: 'br0', want: 'ns0', fix: 'x' })).toBe('There is no bridge br0 in ns0: it was never created, or it was deleted. Create it.');
    expect(msgWithoutFix('zh', 'linkMissingBridge', { dev: 'br0', want: '主机命名空间', fix: 'x' })).toBe('主机命名空间里没有网桥 br0：要么从没创建过，要么已经被删了。创建它。');
    expect(msgWithoutFix('en', 'linkMissingBridge', { dev: 'br0', want: '主机 命名空间', fix: 'x' })).toBe('There is no bridge br0 in 主机 命名空间: it was never created, or it was deleted. Create it.');
  });
});

describe('the tables', () => {
  it('list every key of both languages, and nothing else', () => {
    expect(MESSAGE_KEYS).toEqual(Object.keys(MESSAGES.en));
    expect([...MESSAGE_KEYS].sort()).toEqual(Object.keys(MESSAGES.zh).sort());
    expect(MESSAGE_KEYS).toContain('fixLine');
    expect(MESSAGES.en.fixLine).toBe('Fix: `{fix}`');
  });
});
