/** The active parts of checking: pings and packet captures run inside the lab. */
import type { Lab, RunningCommand } from '../lab/sandbox.js';
import type { Expectation } from '../lesson/types.js';
import { classifyPacket, type CaptureOutcome, type PingOutcome } from '../checks/evaluate.js';

import { inNs } from '../lab/in-ns.js';

type PingExp = Extract<Expectation, { kind: 'ping' }>;
type CaptureExp = Extract<Expectation, { kind: 'capture' }>;

export { inNs };

/** Expected failures get a short timeout: waiting longer only delays the same answer. */
export function pingCommand(e: PingExp): string {
  const wait = e.timeout ?? (e.succeeds ? 2 : 0.5);
  return inNs(e.from, `ping -n -c 1 -W ${wait}${e.iface ? ` -I ${e.iface}` : ''} ${e.target}`);
}

export async function runPing(lab: Lab, e: PingExp): Promise<PingOutcome> {
  const r = await lab.run(pingCommand(e), { timeoutMs: 15_000 });
  const replied = r.code === 0 && /\b[1-9]\d* (packets )?received/.test(r.output);
  // A ping that never got to send (no such namespace or device) did not "fail as expected".
  const sent = /packets transmitted|Network is unreachable|Destination Host Unreachable/.test(r.output);
  const error = replied || sent ? undefined : r.output.trim().split('\n').pop() || `exit status ${r.code}`;
  return { replied, output: r.output, error };
}

export interface Capture {
  exp: CaptureExp;
  cmd: RunningCommand;
  /** Resolves once tcpdump listens (or has failed). */
  listening: Promise<void>;
}

export function startCapture(lab: Lab, exp: CaptureExp, timeoutMs: number): Capture {
  let markReady!: () => void;
  const listening = new Promise<void>((r) => (markReady = r));
  let err = '';
  const cmd = lab.spawn(inNs(exp.in, `tcpdump --immediate-mode -l -t -nn -e -i ${exp.iface} arp or icmp`), {
    timeoutMs,
    onOutput: (chunk, fd) => {
      if (fd === 2) {
        err += chunk;
        if (/listening on/.test(err)) markReady();
      }
    },
  });
  cmd.done.then(() => markReady());
  return { exp, cmd, listening };
}

export async function stopCapture(c: Capture): Promise<CaptureOutcome> {
  // Frames of the last command are already in tcpdump's line-buffered output; a
  // short grace lets the final line arrive before the interrupt.
  await new Promise((r) => setTimeout(r, 60));
  c.cmd.kill('SIGINT');
  const r = await c.cmd.done;
  const lines = r.stdout.split('\n').filter((l) => l.trim());
  const seen = new Set(lines.flatMap(classifyPacket));
  const listened = /listening on/.test(r.stderr);
  return { lines, seen, error: listened ? undefined : r.stderr.trim().split('\n').pop() || 'tcpdump did not start' };
}
