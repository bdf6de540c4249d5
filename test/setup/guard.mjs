// The suite's guard: is dist/ built from the current src/, and can this machine build a sandbox (required in CI)?
// Plain JavaScript so that `node test/setup/guard.mjs` can run it anywhere, even where the tests cannot.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Set by .ci/run: a skip for want of a sandbox or a build becomes a failure. */
export const REQUIRE_ENV = 'NETNS_TUTOR_REQUIRE_SANDBOX';

export function sandboxRequired(env = process.env) {
  return env[REQUIRE_ENV] === '1';
}

/** Tries the namespaces the tutor needs, in a throwaway process: { ok, detail }. */
export function probeSandbox() {
  if (process.platform !== 'linux') return { ok: false, detail: `${process.platform} has no Linux namespaces` };
  const root = process.getuid?.() === 0;
  const args = root ? ['-n', '-m', '--propagation', 'private', 'true'] : ['-U', '--map-current-user', '-n', '-m', '--propagation', 'private', 'true'];
  const r = spawnSync('unshare', args, { encoding: 'utf8', timeout: 10_000 });
  if (r.status === 0) return { ok: true, detail: '' };
  const why = r.error ? r.error.message : (r.stderr || '').trim() || `exit status ${r.status}`;
  return { ok: false, detail: `unshare ${args.slice(0, -1).join(' ')}: ${why}` };
}

/** The message that ends a required run where no sandbox can be made. */
export function sandboxMissingMessage(detail) {
  return (
    `${REQUIRE_ENV}=1, but this machine cannot build the tutor's sandbox (${detail}). ` +
    'Without it every real-kernel test would be skipped and the run would pass with most behaviour untested. ' +
    'Run the tests as root, or allow unprivileged user namespaces (sysctl user.max_user_namespaces > 0, ' +
    'kernel.unprivileged_userns_clone=1, kernel.apparmor_restrict_unprivileged_userns=0), or unset the variable to allow skips.'
  );
}

/** Throws with sandboxMissingMessage when a sandbox is required and cannot be made; returns whether one can. */
export function guardSandbox(env = process.env) {
  const p = probeSandbox();
  if (!p.ok && sandboxRequired(env)) throw new Error(sandboxMissingMessage(p.detail));
  return p.ok;
}

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Why dist/ does not match the sources (missing, or older than a source file), or undefined when it does. */
export function distStale(root = ROOT) {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) return 'dist/cli.js is missing';
  const built = statSync(cli).mtimeMs;
  const inputs = ['src', 'package-lock.json'].map((p) => join(root, p)).filter(existsSync);
  const newer = inputs.find((p) => newestMtime(p) > built);
  return newer ? `dist/cli.js is older than ${relative(root, newer)}` : undefined;
}

/** Rebuilds dist/ when it is stale, so tests that run the built CLI test the current code. Throws when the build fails. */
export function ensureBuild(root = ROOT) {
  const stale = distStale(root);
  if (!stale) return undefined;
  const r = spawnSync(process.execPath, [join(root, 'src', 'build.mjs')], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${stale}, and \`npm run build\` failed, so the tests that run the built CLI cannot run:\n${r.stderr || r.error?.message || ''}`);
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const ok = guardSandbox();
    process.stdout.write(ok ? 'sandbox: ok\n' : `sandbox: unavailable (${probeSandbox().detail}); real-kernel tests will be skipped\n`);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
