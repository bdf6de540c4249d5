/** `--plain` on a terminal: a pty takes two steps of the shipped course as a conversation, with no escape codes at all. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, ROOT, canRun, hostNetwork, has } from './term.js';

const DRIVER = join(ROOT, 'test', 'e2e', 'pty-driver.py');
const hasPython = has('python3') && spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!canRun || !hasPython)('interactive plain mode on a pseudo-terminal', () => {
  const state = mkdtempSync(join(tmpdir(), 'netns-tutor-plain-'));
  const before = hostNetwork();
  afterAll(() => {
    rmSync(state, { recursive: true, force: true });
    expect(hostNetwork()).toBe(before);
  });

  test('two steps, from the resume point, with prompts that say the keys', () => {
    if (!existsSync(join(ROOT, 'dist', 'cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    const script = [
      ['q to quit.', 'h'],
      ['q to quit.', ''],
      ['Press Enter for the next step', ''],
      ['q to quit.', ''],
      ['Press Enter for the next step', 'q'],
    ];
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_STATE_HOME: state, TERM: 'xterm-256color' };
    delete env.CI;
    const r = spawnSync('python3', [DRIVER, JSON.stringify(script), process.execPath, BIN, '--lang', 'en', '--plain', 'start', '2.1'], { env, encoding: 'utf8', timeout: 250_000 });
    const out = r.stdout;
    expect(out).toContain('__STATUS=0 OK=1');
    expect(out).toContain('Step 2.1 (1 of 6): Create the pair');
    expect(out).toContain('Hint 1 of');
    expect(out).toContain('Step 2.2 (2 of 6)');
    expect(out.match(/Step passed\./g)?.length).toBe(2);
    expect(out).toContain('Press Enter to run the step; type h for a hint, e to type your own command');
    // No redraws, no cursor movement, no colour: not one escape sequence.
    expect(out).not.toContain('\u001b');
    // Markdown is text: no emphasis markers or code fences.
    expect(out).not.toMatch(/\*\*|```/);
    // Progress: both steps done; quitting at 2.2 resumes there, as the full-screen tutor does.
    const p = spawnSync(process.execPath, [BIN, 'progress', '--json'], { env, encoding: 'utf8' });
    const j = JSON.parse(p.stdout);
    expect(j.done.map((d: { ref: string }) => d.ref)).toEqual(['2.1', '2.2']);
    expect(j.current).toBe('2.2');
  }, 300_000);
});
