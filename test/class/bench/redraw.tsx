/**
 * Dashboard redraw time with 100 learners at 80×24: from an accepted batch changing the model to Ink
 * having written the new frame. Bundled and run by test/class/bench/class-bench.mjs; prints JSON.
 */
import { Writable } from 'node:stream';
import { render } from 'ink';
import { Dashboard } from '../../../src/class/dashboard/Dashboard.js';
import { bigClass } from './big-class.js';

class FakeTty extends Writable {
  columns = 80;
  rows = 24;
  isTTY = true;
  frames = 0;
  onFrame?: () => void;
  override _write(_chunk: unknown, _enc: BufferEncoding, done: () => void): void {
    this.frames++;
    this.onFrame?.();
    done();
  }
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 200);
  const { model, now } = bigClass();
  const stdout = new FakeTty();
  const listeners = new Set<() => void>();
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  const app = render(<Dashboard model={model} url="http://192.0.2.10:7070" code="BENCH-0001" lang="en" color traffic={() => ({ accepted: 0, refused: 0 })} subscribe={subscribe} throttleMs={0} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: process.stdin,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await new Promise((r) => setTimeout(r, 300));
  const times: number[] = [];
  const ids = [...model.learners.keys()];
  for (let i = 0; i < runs; i++) {
    const id = ids[i % ids.length];
    const l = model.learners.get(id)!;
    const ref = l.current ?? '1.1';
    const t0 = performance.now();
    const drawn = new Promise<void>((r) => (stdout.onFrame = r));
    model.apply({ learner: { id, name: l.name }, events: [{ type: 'attempt', ref, commands: ['ip link set veth0 up'], typed: true, passed: false, failing: 'veth0-1 is up', seq: l.lastSeq + 1, at: now + i }] }, now + i);
    for (const f of listeners) f();
    await drawn;
    times.push(performance.now() - t0);
  }
  app.unmount();
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ runs, medianMs: times[Math.floor(runs / 2)], p95Ms: times[Math.floor(runs * 0.95)], learners: model.learners.size }) + '\n');
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exit(1);
});
