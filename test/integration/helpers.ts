import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { guardSandbox } from '../setup/guard.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/netns-tutor.js`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): CliResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    input,
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cliJson<T = any>(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; json: T; stderr: string } {
  const r = cli([...args], env);
  let json: T;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, json, stderr: r.stderr };
}

/**
 * Can this user build a sandbox here? Integration tests are skipped (with a reason) where not,
 * unless NETNS_TUTOR_REQUIRE_SANDBOX=1 (CI), where this throws and the file fails instead.
 */
export function sandboxWorks(): boolean {
  return guardSandbox();
}

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } });
  } catch (e) {
    return `ERROR ${(e as Error).message}`;
  }
}

/** Everything a leak would change on the host: links, addresses, routes, named namespaces, mounts. */
export function hostNetwork(): Record<string, string> {
  return {
    links: run('ip', ['-br', 'link']),
    addrs: run('ip', ['-br', 'addr']),
    routes: run('ip', ['route', 'show', 'table', 'all']),
    netns: run('ip', ['netns', 'list']),
    mounts: run('findmnt', ['-rn', '-o', 'TARGET,FSTYPE'])
      .split('\n')
      .filter((l) => !l.startsWith('/proc/sys/fs/binfmt_misc'))
      .sort()
      .join('\n'),
  };
}

/** Live (non-zombie) processes whose command line contains `needle`. */
export function processesMatching(needle: string): string[] {
  const out = run('ps', ['-eo', 'pid=,stat=,args=']);
  return out
    .split('\n')
    .filter((l) => l.includes(needle) && !/^\s*\d+\s+Z/.test(l) && !l.includes('ps -eo'));
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(pred: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred()) return true;
    await sleep(50);
  }
  return pred();
}
