/** Runs a shell script in the tutor's own sandbox (same launcher, confinement and agent) and prints how long it took, from spawn to exit, in ms. */
import { readFileSync } from 'node:fs';
import { Lab } from '../../src/lab/sandbox.js';

const script = readFileSync(process.argv[2], 'utf8');
const t0 = performance.now();
const lab = await Lab.start();
const r = await lab.run(script, { timeoutMs: 600_000 });
await lab.close();
if (r.code !== 0) process.stderr.write(`in-lab: the script ended with status ${r.code}\n`);
process.stdout.write(`${performance.now() - t0}\n`);
