/** Hands the learner's terminal to a shell inside the lab. */
import { basename } from 'node:path';
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

/**
 * The lab's commands have pipes, not a terminal, so the shell is attached to the
 * learner's terminal device by path. `script` gives it a pseudo-terminal of its
 * own, which brings job control and Ctrl+C to the shell's foreground job.
 */
export function shellCommand(ttyPath: string, shell: string): string {
  const inner = `export PS1='[netns-tutor lab] $ ' NETNS_TUTOR_LAB=1; unset ENV; exec ${interactive(shell)}`;
  return `{ if command -v script >/dev/null 2>&1; then exec script -q -e -c ${quote(inner)} /dev/null; else eval ${quote(inner)}; fi; } <${quote(ttyPath)} >${quote(ttyPath)} 2>&1`;
}

export async function runShell(lab: Lab, ttyPath: string): Promise<void> {
  const shell = process.env.SHELL && /(^|\/)(bash|sh|dash|zsh|ksh|mksh)$/.test(process.env.SHELL) ? process.env.SHELL : '/bin/sh';
  await lab.run(shellCommand(ttyPath, shell), { timeoutMs: 24 * 3600 * 1000 });
}
