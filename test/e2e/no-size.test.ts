/**
 * A terminal that reports no size (a pseudo-terminal nobody sized: `script` fed from a pipe).
 * Ink used to ask terminal-size on every frame, which opened /dev/tty and never closed it:
 * the tutor lost a file descriptor per frame until it could open nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, canRun, has, hostNetwork } from './term.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The node process below `root` (script → sh → node). */
function nodeBelow(root: number): number | undefined {
  const kids = new Map<number, number[]>();
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const ppid = Number(/\) \S (\d+)/.exec(readFileSync(`/proc/${p}/stat`, 'utf8'))![1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(p)]);
    } catch {
      /* gone */
    }
  }
  const queue = [root];
  while (queue.length) {
    const p = queue.shift()!;
    for (const c of kids.get(p) ?? []) {
      if (readFileSync(`/proc/${c}/cmdline`, 'utf8').includes(BIN)) return c;
      queue.push(c);
    }
  }
  return undefined;
}

describe.skipIf(!canRun || !has('script'))('a terminal with no size', () => {
  const state = mkdtempSync(join(tmpdir(), 'netns-tutor-nosize-'));
  const before = hostNetwork();
  afterAll(() => {
    rmSync(state, { recursive: true, force: true });
    expect(hostNetwork()).toBe(before);
  });

  test('is drawn at 80 columns, and redrawing it opens no file descriptor', async () => {
    expect(existsSync(BIN)).toBe(true);
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_STATE_HOME: state, TERM: 'xterm-256color', NO_COLOR: '1' };
    for (const k of ['CI', 'COLUMNS', 'LINES']) delete env[k];
    const p = spawn('script', ['-qfec', `${process.execPath} ${BIN} start 1.1`, '/dev/null'], { env, detached: true, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    try {
      for (let i = 0; !/Lesson 1\/\d+ · step 1\/\d+/.test(out); i++) {
        if (i > 600) throw new Error(`no status line:\n${out.slice(-2000)}`);
        await sleep(100);
      }
      const pid = nodeBelow(p.pid!);
      expect(pid).toBeDefined();
      const fds = () => readdirSync(`/proc/${pid}/fd`).length;
      // Each t redraws the whole frame (the topology opens and closes).
      p.stdin.write('t');
      await sleep(500);
      const first = fds();
      for (let i = 0; i < 30; i++) {
        p.stdin.write('t');
        await sleep(60);
      }
      await sleep(500);
      expect(fds() - first).toBeLessThanOrEqual(3);
      // Nothing was drawn wider than the 80 columns it was given.
      const widest = Math.max(...out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n/).map((l) => l.length));
      expect(widest).toBeLessThanOrEqual(80);
      p.stdin.write('q');
      await new Promise((r) => p.once('close', r));
    } finally {
      try {
        process.kill(-p.pid!, 'SIGKILL');
      } catch {
        /* ended */
      }
    }
  }, 120_000);
});
