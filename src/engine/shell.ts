/** Hands the learner's terminal to a shell inside the lab, through a relay: nothing in the lab holds the terminal itself. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { ReadStream } from 'node:tty';
import type { Lab } from '../lab/sandbox.js';

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Start-up files could replace the prompt that tells the learner where they are, so they are skipped. */
function interactive(shell: string): string {
  const name = basename(shell);
  if (name === 'bash') return `${quote(shell)} --norc --noprofile -i`;
  if (name === 'zsh') return `${quote(shell)} -f -i`;
  return `${quote(shell)} -i`;
}

export interface ShellSize {
  rows: number;
  cols: number;
}

/**
 * The shell's command line in the lab. `script` gives it a pseudo-terminal
 * from the lab's own devpts, sized like the learner's, which brings job
 * control and Ctrl+C to its foreground job; the tutor relays bytes between
 * that and the learner's terminal.
 */
export function shellCommand(shell: string, size: ShellSize, term = 'xterm'): string {
  const safeTerm = /^[\w.+-]{1,64}$/.test(term) ? term : 'xterm';
  const inner = `stty rows ${size.rows} cols ${size.cols} 2>/dev/null; exec ${interactive(shell)}`;
  return `export PS1='[netns-tutor lab] $ ' NETNS_TUTOR_LAB=1 TERM=${safeTerm}; unset ENV; if command -v script >/dev/null 2>&1; then exec script -q -e -c ${quote(inner)} /dev/null; else exec ${interactive(shell)} 2>&1; fi`;
}

/** The terminal belongs to another user (after `su` or `runuser`): this one may not open it again. */
export class TerminalNotOwnedError extends Error {
  constructor(readonly path: string) {
    super(`cannot open ${path}`);
  }
}

/** Throws TerminalNotOwnedError when the shell could not have the terminal at ttyPath: check before handing it over. */
export function checkTerminal(ttyPath: string): void {
  const [out, inp] = openTerminal(ttyPath);
  closeSync(out);
  closeSync(inp);
}

function openTerminal(ttyPath: string): [number, number] {
  let out: number | undefined;
  try {
    out = openSync(ttyPath, 'w');
    return [out, openSync(ttyPath, 'r')];
  } catch (e) {
    if (out !== undefined) closeSync(out);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new TerminalNotOwnedError(ttyPath);
    throw e;
  }
}

/** Runs the lab shell on the terminal at ttyPath until it exits (or the terminal goes away). */
export async function runShell(lab: Lab, ttyPath: string): Promise<void> {
  const shell = process.env.SHELL && /(^|\/)(bash|sh|dash|zsh|ksh|mksh)$/.test(process.env.SHELL) ? process.env.SHELL : '/bin/sh';
  const [outFd, inFd] = openTerminal(ttyPath);
  const input = new ReadStream(inFd);
  const size = { rows: process.stdout.rows || 24, cols: process.stdout.columns || 80 };
  const cmd = lab.spawn(shellCommand(shell, size, process.env.TERM), {
    timeoutMs: 24 * 3600 * 1000,
    input: true,
    onRaw: (bytes) => {
      try {
        writeSync(outFd, bytes);
      } catch {
        cmd.kill('SIGKILL');
      }
    },
  });
  input.setRawMode(true);
  input.on('data', (d: Buffer) => cmd.write(d));
  // A terminal that closes (EIO) ends the shell, and the tutor's SIGHUP handler the rest.
  input.on('error', () => cmd.kill('SIGKILL'));
  input.on('end', () => cmd.endInput());
  try {
    await cmd.done;
  } finally {
    try {
      input.setRawMode(false);
    } catch {
      /* the terminal is gone */
    }
    input.destroy();
    closeSync(outFd);
  }
}
