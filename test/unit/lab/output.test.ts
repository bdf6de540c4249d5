// Unit tests of how a lab command's output is kept: decoded across chunks, cleaned of control sequences, bounded.
import { describe, expect, it } from 'vitest';
import { OutputCollector, StreamCleaner } from '../../../src/lab/output.js';

describe('StreamCleaner', () => {
  it('cleans an escape sequence split across chunks as it would the whole text', () => {
    const c = new StreamCleaner();
    const parts = ['red: \u001b[3', '1mRED\u001b', '[0m done\r', '\nnext\n'];
    const streamed = parts.map((p) => c.push(p)).join('') + c.flush();
    expect(streamed).toBe('red: RED done\nnext\n');
  });

  it('drops OSC title sequences and lone control bytes', () => {
    const c = new StreamCleaner();
    expect(c.push('a\u001b]0;pwned\u0007b\u009bc\u0000d\n') + c.flush()).toBe('abd\n');
  });
});

describe('OutputCollector', () => {
  it('keeps stdout, stderr and their interleaving apart, without control bytes', () => {
    const o = new OutputCollector();
    o.add(1, Buffer.from('one \u001b[2J'));
    o.add(2, Buffer.from('two\n'));
    o.add(1, Buffer.from('three\n'));
    o.flush();
    expect(o.result()).toEqual({ stdout: 'one three\n', stderr: 'two\n', output: 'one two\nthree\n' });
  });

  it('decodes a UTF-8 character split between two chunks', () => {
    const o = new OutputCollector();
    const bytes = Buffer.from('网络\n');
    const streamed = o.add(1, bytes.subarray(0, 4)) + o.add(1, bytes.subarray(4));
    expect(streamed + o.flush().map((x) => x.text).join('')).toBe('网络\n');
    expect(o.result().stdout).toBe('网络\n');
  });

  it('says how many bytes the agent dropped between head and tail', () => {
    const o = new OutputCollector();
    o.add(1, Buffer.from('head\n'));
    const note = o.dropped(123456);
    o.add(1, Buffer.from('tail\n'));
    o.flush();
    expect(note).toMatch(/123456 bytes of output not kept/);
    expect(o.droppedBytes).toBe(123456);
    expect(o.result().output).toBe(`head\n${note}tail\n`);
  });

  it('bounds what it keeps even when the agent does not (a forged stream)', () => {
    const o = new OutputCollector();
    const chunk = Buffer.alloc(64 * 1024, 'x');
    for (let i = 0; i < 200; i++) o.add(1, chunk);
    o.flush();
    const r = o.result();
    expect(r.output.length).toBeLessThan(1024 * 1024);
    expect(o.droppedBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(r.output).toMatch(/bytes of output not kept/);
  });
});
