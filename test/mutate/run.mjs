// `npm run mutate [folder…]`: Stryker over each folder in turn, at the lowest priority, then a score table.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FOLDERS } from './folders.mjs';
import { ROOT } from '../setup/guard.mjs';

const asked = process.argv.slice(2);
const unknown = asked.filter((f) => !FOLDERS[f]);
if (unknown.length) {
  process.stderr.write(`no mutation folder ${unknown.map((f) => `"${f}"`).join(', ')}; the folders are: ${Object.keys(FOLDERS).join(', ')}\n`);
  process.exit(2);
}
const folders = asked.length ? asked : Object.keys(FOLDERS);
const stryker = join(ROOT, 'node_modules', '.bin', 'stryker');

/** Killed and timed-out mutants over all that were tested or had no test (Stryker's mutation score). */
function score(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const counts = {};
  for (const f of Object.values(report.files)) for (const m of f.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { detected, valid, survived: counts.Survived ?? 0, noCoverage: counts.NoCoverage ?? 0, pct: valid ? (100 * detected) / valid : 100 };
}

const rows = [];
let failed = false;
for (const folder of folders) {
  process.stdout.write(`\n== mutate ${folder} (${FOLDERS[folder].mutate.join(' ')}) ==\n`);
  // NT_MUTATE_CONCURRENCY=2 on a machine nobody else is using (stryker.config.mjs keeps one runner).
  const more = process.env.NT_MUTATE_CONCURRENCY ? ['--concurrency', process.env.NT_MUTATE_CONCURRENCY] : [];
  const r = spawnSync('nice', ['-n', '19', stryker, 'run', ...more], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NT_MUTATE_FOLDER: folder } });
  const file = join(ROOT, 'reports', 'mutation', `${folder}.json`);
  if (r.status !== 0 || !existsSync(file)) {
    failed = true;
    rows.push(`${folder.padEnd(10)} Stryker failed (exit ${r.status})`);
    continue;
  }
  const s = score(file);
  rows.push(`${folder.padEnd(10)} ${s.pct.toFixed(1).padStart(5)}%  ${s.detected}/${s.valid} detected, ${s.survived} survived, ${s.noCoverage} without a test`);
}
process.stdout.write(`\nmutation scores (${new Date().toISOString().slice(0, 10)}):\n${rows.join('\n')}\n`);
process.exit(failed ? 1 : 0);
