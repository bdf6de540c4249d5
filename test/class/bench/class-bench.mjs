// Class load test (part of `npm run bench`): events per second a headless class accepts from 100 simulated
// learners, /v1/status time, and the dashboard's redraw time. Writes its own section of docs/performance.md.
// Learners talk to the class on loopback only; each uses its own 127.0.0.x source address, as on a real network.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = new URL('../../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/netns-tutor.js');
const LEARNERS = 100;
const SECONDS = Number(process.env.CLASS_BENCH_SECONDS ?? 5);
const CODE = 'BENCH-CODE';
const state = mkdtempSync(join(tmpdir(), 'nt-class-bench-'));

function startClass() {
  const proc = spawn(process.execPath, [BIN, 'class', '--headless', '--host', '127.0.0.1', '--port', '0', '--code', CODE], { env: { ...process.env, XDG_STATE_HOME: state }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /Serving on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.once('exit', (c) => reject(new Error(`class exited ${c}: ${out}`)));
  });
}

function post(port, agent, body) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port, path: '/v1/events', method: 'POST', agent, headers: { Authorization: `Bearer ${CODE}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0, retry: Number(res.headers['retry-after'] ?? 0) }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0, retry: 0.05 }));
    req.end(body);
  });
}

const course = { type: 'join', mode: 'learn', course: { title: 'Bench', steps: Array.from({ length: 25 }, (_, i) => ({ ref: `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`, title: `Step ${i + 1}` })) } };

/** Every learner sends batches of `batch` events as fast as the class takes them, for SECONDS. */
const seq = new Array(LEARNERS).fill(0);

async function load(port, batch) {
  const agents = Array.from({ length: LEARNERS }, (_, i) => new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${2 + i}` }));
  let accepted = 0;
  let requests = 0;
  let refused = 0;
  const latencies = [];
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    agents.map(async (agent, i) => {
      const id = `bench-learner-${String(i).padStart(3, '0')}`;
      while (performance.now() < end) {
        const events = [];
        for (let k = 0; k < batch; k++) {
          const n = seq[i] + k + 1;
          const e = n === 1 ? course : n % 2 ? { type: 'open', ref: `${(n % 5) + 1}.1` } : { type: 'attempt', ref: `${(n % 5) + 1}.1`, commands: ['ip link set veth0-0 up'], typed: true, passed: n % 3 === 0, failing: 'veth0-0 is up' };
          events.push({ ...e, seq: n, at: Date.now() });
        }
        const r = await post(port, agent, JSON.stringify({ learner: { id, name: `Learner ${i}` }, events }));
        requests++;
        latencies.push(r.ms);
        if (r.status === 200) {
          seq[i] += batch;
          accepted += batch;
        } else {
          refused++;
          await new Promise((res) => setTimeout(res, Math.max(50, r.retry * 1000)));
        }
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  for (const a of agents) a.destroy();
  latencies.sort((a, b) => a - b);
  return { batch, eventsPerSec: accepted / secs, requestsPerSec: requests / secs, refused, medianMs: latencies[Math.floor(latencies.length / 2)], p95Ms: latencies[Math.floor(latencies.length * 0.95)] };
}

async function statusTime(port) {
  const times = [];
  let learners = 0;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const body = await new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/v1/status', headers: { Authorization: `Bearer ${CODE}` } }, (res) => {
        let s = '';
        res.on('data', (d) => (s += d));
        res.on('end', () => resolve(s));
      })
        .on('error', reject)
        .end();
    });
    times.push(performance.now() - t0);
    learners = JSON.parse(body).learners.length;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[10], learners };
}

async function redraw() {
  const out = join(ROOT, 'test/class/bench/.redraw.mjs');
  await build({ entryPoints: [join(ROOT, 'test/class/bench/redraw.tsx')], bundle: true, platform: 'node', format: 'esm', packages: 'external', jsx: 'automatic', outfile: out, logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' } });
  const r = await new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [out, '200'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let s = '';
    p.stdout.on('data', (d) => (s += d));
    p.once('exit', (c) => (c === 0 ? resolve(JSON.parse(s.trim().split('\n').pop())) : reject(new Error(`redraw bench exited ${c}`))));
  });
  return r;
}

function section(rows, raw, load) {
  return `<!-- class-bench:start -->
## Class (\`netns-tutor class\`)

Measured by \`npm run bench\` (\`test/class/bench/class-bench.mjs\`) on ${new Date().toISOString().slice(0, 10)}; Node ${process.version}, ${cpus().length} CPUs, the class and its 100 simulated learners on the same machine; load average ${load} when it started (every figure here is CPU-bound: on a shared, loaded machine they are far below what an idle one gives).

| figure | measured | target | |
|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

How each figure is taken:

- **Events accepted per second**: a headless class (\`class --headless --host 127.0.0.1\`) and 100 simulated learners in another process, each on its own loopback source address (127.0.0.2 to 127.0.0.101) with one keep-alive connection, posting batches of class events as fast as the class answers, for ${SECONDS} s. An event counts once the class has written it to its log and answered 200. One event per request is how a connected tutor sends; 50 per request is a tutor catching up after the class was away. Refusals (429, the per-learner flood limit) are counted, and the learner waits as told.
- **/v1/status**: median of 20 requests with the 100 learners in the class.
- **Dashboard redraw**: the Ink dashboard (\`src/class/dashboard/Dashboard.tsx\`) at 80×24 with 100 learners on a 25-step course, drawing to an in-memory terminal: from a batch changing the model to Ink having written the new frame, median and 95th percentile of 200 redraws. The live dashboard also waits up to 200 ms to gather events into one redraw.

Raw: ${JSON.stringify(raw)}
<!-- class-bench:end -->`;
}

async function main() {
  const load = loadavg()[0].toFixed(1);
  const { proc, port } = await startClass();
  let one, fifty, st;
  try {
    one = await load(port, 1);
    fifty = await load(port, 50);
    st = await statusTime(port);
  } finally {
    proc.kill('SIGKILL');
    rmSync(state, { recursive: true, force: true });
  }
  const rd = await redraw();
  const status = (ok) => (ok ? 'met' : '**missed**');
  const rows = [
    ['events accepted per second, 100 learners, 1 event per request', `${Math.round(one.eventsPerSec)} (${Math.round(one.requestsPerSec)} requests/s, median ${one.medianMs.toFixed(1)} ms, ${one.refused} refused)`, '500 or more (a class of 100 makes a few per second)', status(one.eventsPerSec >= 500)],
    ['events accepted per second, 100 learners, 50 events per request', `${Math.round(fifty.eventsPerSec)} (${Math.round(fifty.requestsPerSec)} requests/s, median ${fifty.medianMs.toFixed(1)} ms, ${fifty.refused} refused)`, '5000 or more', status(fifty.eventsPerSec >= 5000)],
    ['`GET /v1/status` with 100 learners', `${st.medianMs.toFixed(1)} ms (${st.learners} learners)`, '50 ms or less', status(st.medianMs <= 50 && st.learners === LEARNERS)],
    ['dashboard redraw, 100 learners at 80×24', `median ${rd.medianMs.toFixed(1)} ms, p95 ${rd.p95Ms.toFixed(1)} ms`, '16 ms or less (median)', status(rd.medianMs <= 16)],
  ];
  const doc = join(ROOT, 'docs/performance.md');
  const text = readFileSync(doc, 'utf8');
  const block = section(rows, { one, fifty, status: st, redraw: rd }, load);
  const re = /<!-- class-bench:start -->[\s\S]*<!-- class-bench:end -->/;
  writeFileSync(doc, re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`);
  process.stdout.write(rows.map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n');
}

main().catch((e) => {
  console.error(e?.message ?? e);
  process.exit(1);
});
