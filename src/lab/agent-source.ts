/**
 * The program that lives inside the sandbox as PID 1 of its own PID namespace.
 * It is spawned with `node -e`, so it is kept as plain JavaScript source: no
 * imports, no build step, nothing to resolve on disk.
 *
 * Protocol: newline-delimited JSON.
 *   in : {op:'run', id, cmd, timeoutMs}  {op:'kill', id, signal}
 *   out: {ev:'ready'} {ev:'out', id, fd:1|2, data} {ev:'exit', id, code, signal, timedOut}
 * When stdin closes (the tutor exited, even by SIGKILL) every command's process
 * group is killed and the agent exits; being PID 1, its exit takes every
 * remaining process of the sandbox with it, and the namespaces disappear.
 */
export const AGENT_SOURCE = String.raw`
'use strict';
const { spawn } = require('node:child_process');
const groups = new Map();
const send = (m) => process.stdout.write(JSON.stringify(m) + '\n');
function killGroup(pid, sig) { try { process.kill(-pid, sig); } catch {} }
function shutdown() { for (const c of groups.values()) killGroup(c.pid, 'SIGKILL'); process.exit(0); }
function run(m) {
  let child;
  try {
    child = spawn('/bin/sh', ['-c', m.cmd], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) { send({ ev: 'exit', id: m.id, code: 127, signal: null, timedOut: false, error: String(e) }); return; }
  groups.set(m.id, child);
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; killGroup(child.pid, 'SIGKILL'); }, m.timeoutMs);
  child.stdout.on('data', (d) => send({ ev: 'out', id: m.id, fd: 1, data: d.toString('utf8') }));
  child.stderr.on('data', (d) => send({ ev: 'out', id: m.id, fd: 2, data: d.toString('utf8') }));
  child.on('error', (e) => send({ ev: 'out', id: m.id, fd: 2, data: String(e) + '\n' }));
  let status = null;
  // Background processes a command left behind die with it, which also
  // releases the output pipes they hold so that 'close' can fire.
  child.on('exit', (code, signal) => { status = { code, signal }; killGroup(child.pid, 'SIGKILL'); });
  child.on('close', (code, signal) => {
    clearTimeout(timer);
    groups.delete(m.id);
    const s = status || { code, signal };
    send({ ev: 'exit', id: m.id, code: s.code, signal: s.signal, timedOut });
  });
}
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl;
  while ((nl = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, nl); buf = buf.slice(nl + 1);
    if (!line) continue;
    const m = JSON.parse(line);
    if (m.op === 'run') run(m);
    else if (m.op === 'kill') { const c = groups.get(m.id); if (c) killGroup(c.pid, m.signal || 'SIGKILL'); }
  }
});
process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
process.stdout.on('error', shutdown);
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, shutdown);
send({ ev: 'ready' });
`;
