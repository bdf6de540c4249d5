/**
 * A terminal that reports no size (a pseudo-terminal nobody sized, such as `script` fed from a
 * pipe) is given one: COLUMNS and LINES, else 80×24. With 0 columns Ink asks terminal-size on
 * every frame, which opens /dev/tty and never closes it: one file descriptor lost per frame.
 */
import type { EventEmitter } from 'node:events';

type SizedStream = Pick<EventEmitter, 'on' | 'off'> & { columns?: number; rows?: number };

const positive = (v: string | undefined, fallback: number): number => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 10_000 ? n : fallback;
};

/** Fills in a missing size now and after every resize; returns how to stop. */
export function settleTerminalSize(out: SizedStream, env: NodeJS.ProcessEnv = process.env): () => void {
  const settle = () => {
    if (!out.columns) out.columns = positive(env.COLUMNS, 80);
    if (!out.rows) out.rows = positive(env.LINES, 24);
  };
  settle();
  out.on('resize', settle);
  return () => out.off('resize', settle);
}
