/**
 * No silent skips in CI: with NETNS_TUTOR_REQUIRE_SANDBOX=1 (set by .ci/run) a machine that cannot build
 * a sandbox fails the run, and tests that run the built CLI never run a stale dist/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distStale, guardSandbox, REQUIRE_ENV } from '../setup/guard.mjs';
import { ROOT } from './helpers.js';

const IS_ROOT = process.getuid?.() === 0;
/** A user namespace of our own in which `unshare --user` is refused (its own max_user_namespaces is 0); the host's setting is untouched. */
function denied(argv: string[], env: Record<string, string>) {
  const uid = IS_ROOT ? 65534 : process.getuid!();
  const gid = IS_ROOT ? 65534 : process.getgid!();
  const script = 'echo 0 > /proc/sys/user/max_user_namespaces || exit 97\nexec "$@"';
  return spawnSync('unshare', ['-U', `--map-user=${uid}`, `--map-group=${gid}`, '--keep-caps', '--', '/bin/sh', '-c', script, 'sh', 'env', '-u', REQUIRE_ENV, ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

const canDeny = guardSandbox() && spawnSync('unshare', ['-U', '--', 'true']).status === 0;
// The temporary folder of this run belongs to the test's user; the denied child makes its own in /tmp.
const childEnv = { TMPDIR: '/tmp', NO_COLOR: '1' };

describe('.ci/run', () => {
  const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  it('requires a sandbox in both passes (as root, and rootless under env -i)', () => {
    const beforeTests = ci.slice(0, ci.indexOf('npm test'));
    expect(beforeTests).toMatch(new RegExp(`^export ${REQUIRE_ENV}=1$`, 'm'));
    const rootless = ci.slice(ci.indexOf('runuser'));
    expect(rootless).toContain(`${REQUIRE_ENV}=1 bash -c`);
  });
});

describe.skipIf(!canDeny)('where user namespaces are not allowed', () => {
  it(`the guard fails with ${REQUIRE_ENV}=1 and says why and what to do`, () => {
    const r = denied([process.execPath, 'test/setup/guard.mjs'], { ...childEnv, [REQUIRE_ENV]: '1' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('cannot build the tutor');
    expect(r.stderr).toMatch(/unshare -U .*: unshare: unshare failed/);
    expect(r.stderr).toContain('user.max_user_namespaces');
  });

  it('without the setting the guard allows the skips, and says so', () => {
    const r = denied([process.execPath, 'test/setup/guard.mjs'], childEnv);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sandbox: unavailable .*real-kernel tests will be skipped/);
  });

  it(`the suite itself fails there with ${REQUIRE_ENV}=1, and passes with skips without it`, () => {
    const vitest = [process.execPath, 'node_modules/vitest/vitest.mjs', 'run', '--config', 'test/vitest.config.ts', 'test/integration/engine.test.ts'];
    const strict = denied(vitest, { ...childEnv, [REQUIRE_ENV]: '1' });
    expect(strict.status, strict.stdout + strict.stderr).toBe(1);
    expect(strict.stdout + strict.stderr).toContain(`${REQUIRE_ENV}=1, but this machine cannot build the tutor's sandbox`);
    const lax = denied(vitest, childEnv);
    expect(lax.status, lax.stdout + lax.stderr).toBe(0);
    expect(lax.stdout).toMatch(/skipped/);
  });
});

describe('dist/ is rebuilt when it is older than the sources', () => {
  const root = mkdtempSync(join(tmpdir(), 'nt-guard-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);

  it('names what is stale, and nothing when dist/ is newest', () => {
    mkdirSync(join(root, 'src/engine'), { recursive: true });
    writeFileSync(join(root, 'src/engine/a.ts'), '');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    expect(distStale(root)).toBe('dist/cli.js is missing');
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist/cli.js'), '');
    for (const p of ['src/engine/a.ts', 'src/engine', 'src', 'package-lock.json']) at(p, 1000);
    at('dist/cli.js', 2000);
    expect(distStale(root)).toBeUndefined();
    at('src/engine/a.ts', 3000);
    expect(distStale(root)).toBe('dist/cli.js is older than src');
    at('src/engine/a.ts', 1000);
    at('package-lock.json', 3000);
    expect(distStale(root)).toBe('dist/cli.js is older than package-lock.json');
  });
});
