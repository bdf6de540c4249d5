/**
 * The npm package: small, one bundle with no runtime dependencies, installable
 * offline, and working from wherever it is installed.
 *
 * `npm pack --ignore-scripts` packs the dist/ that `npm test` has just built; the
 * prepack script (a rebuild) would delete dist/ under the other test files running
 * at the same time.
 */
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxWorks } from '../integration/helpers.js';
import { courseUnderTest, hasEscapes, ROOT, run } from './helpers.js';

const MiB = 1024 * 1024;

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string; size: number }[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Bare module names imported by the product's source: what the bundle carries. */
function bundledPackages(): string[] {
  const names = new Set<string>();
  for (const f of walk(join(ROOT, 'src')).filter((p) => /\.tsx?$/.test(p))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('.') || spec.startsWith('node:') || /^import\s+type\b/.test(m[0].trim())) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return [...names].sort();
}

describe('npm package', () => {
  let work: string;
  let pack: PackResult;
  let tarball: string;
  let extracted: string;

  beforeAll(async () => {
    expect(existsSync(join(ROOT, 'dist/cli.js')), 'dist/cli.js is missing: run `npm run build` first').toBe(true);
    work = mkdtempSync(join(tmpdir(), 'nt-pack-'));
    const r = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(r.code, r.stderr).toBe(0);
    pack = (JSON.parse(r.stdout) as PackResult[])[0];
    tarball = join(work, pack.filename);
    extracted = join(work, 'extracted');
    execFileSync('mkdir', ['-p', extracted]);
    execFileSync('tar', ['-xzf', tarball, '-C', extracted]);
    // The size, for the record (CI log).
    console.log(`packed ${pack.filename}: ${pack.size} bytes (${(pack.size / 1024).toFixed(1)} KiB), unpacked ${pack.unpackedSize} bytes, ${pack.entryCount} files`);
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is at most 1 MiB', () => {
    expect(statSync(tarball).size).toBe(pack.size);
    expect(pack.size).toBeLessThanOrEqual(MiB);
  });

  it('holds the CLI, the bundle, the lessons and the docs, and nothing from development', () => {
    const paths = pack.files.map((f) => f.path);
    for (const p of ['package.json', 'README.md', 'bin/netns-tutor.js', 'dist/cli.js', 'docs/lesson-format.md', 'docs/authoring.md', 'lessons/examples/two-namespaces/01-bridge.md']) expect(paths).toContain(p);
    // Every file the build wrote.
    for (const f of walk(join(ROOT, 'dist'))) expect(paths).toContain(relative(ROOT, f));
    for (const f of walk(join(ROOT, 'lessons')).filter((p) => p.endsWith('.md'))) expect(paths).toContain(relative(ROOT, f));
    const unwanted = paths.filter((p) => /^(src|test|node_modules|\.ci|\.git)\//.test(p) || /(^|\/)(tsconfig\.json|package-lock\.json|\.gitignore|vitest\.config\.ts)$/.test(p) || /\.(tgz|map|ts|tsx)$/.test(p));
    expect(unwanted).toEqual([]);
  });

  it('is one bundle with no runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(extracted, 'package/package.json'), 'utf8'));
    for (const k of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) expect(Object.keys(pkg[k] ?? {}), k).toEqual([]);
    expect(pkg.bin).toEqual({ 'netns-tutor': 'bin/netns-tutor.js' });
    expect(readFileSync(join(extracted, 'package/bin/netns-tutor.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    // The bundle imports nothing but Node's own modules and its own chunks.
    for (const f of walk(join(extracted, 'package/dist')).filter((p) => p.endsWith('.js'))) {
      const text = readFileSync(f, 'utf8');
      const specs = [...text.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
      // Minified code can hold `from'…'` inside ordinary strings: only what looks like a module name counts.
      const foreign = specs.filter((s) => /^[@\w][\w@./-]*$/.test(s) && !s.startsWith('node:') && !builtinModules.includes(s));
      // react-devtools-core is left external on purpose: Ink imports it only with DEV=true.
      expect(foreign.filter((s) => s !== 'react-devtools-core'), relative(extracted, f)).toEqual([]);
    }
  });

  it('ships the licence notices of bundled code (dist/THIRD-PARTY-LICENSES.txt)', () => {
    expect(pack.files.map((f) => f.path)).toContain('dist/THIRD-PARTY-LICENSES.txt');
  });

  it('carries a licence notice for every package bundled into it, and its own licence', () => {
    const notices = walk(join(extracted, 'package'))
      .filter((f) => /licen[cs]e|legal|notice|third.?party|copying/i.test(basename(f)))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const pkgs = bundledPackages();
    expect(pkgs).toEqual(expect.arrayContaining(['commander', 'yaml', 'zod']));
    const devDeps = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies ?? {});
    const uncovered = pkgs.filter((p) => devDeps.includes(p) && p !== 'esbuild' && !notices.includes(p));
    expect(uncovered, 'bundled packages whose licence text is not in the tarball').toEqual([]);
    expect(existsSync(join(extracted, 'package/LICENSE')), 'package.json says MIT but the tarball has no LICENSE file').toBe(true);
  });

  describe('installed offline into an empty prefix', () => {
    let prefix: string;
    let bin: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      prefix = join(work, 'prefix');
      const cache = join(work, 'npm-cache');
      const r = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], {
        cwd: work,
        env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' },
      });
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      bin = join(prefix, 'node_modules/.bin/netns-tutor');
      // The bin's #!/usr/bin/env node finds this node; no NODE_PATH, no repository in sight.
      env = { ...process.env, NO_COLOR: '1', PATH: `${dirname(process.execPath)}:${process.env.PATH}`, NODE_PATH: '' };
    }, 120_000);

    it('installs the package alone', () => {
      expect(existsSync(bin)).toBe(true);
      expect(readdirSync(join(prefix, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['netns-tutor']);
    });

    it('list works from anywhere', async () => {
      const course = courseUnderTest(join(prefix, 'node_modules/netns-tutor'));
      const [r, version, lint] = await Promise.all([run(bin, ['list', ...course.args], { cwd: work, env }), run(bin, ['--version'], { cwd: work, env }), run(bin, ['lint'], { cwd: work, env })]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^1\. .+\n {3}1\.1 /);
      expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
      expect(lint.code, lint.stderr).toBe(0);
    });

    // The shipped course, as installed: its lessons found next to the bundle, its requirements probed, every step passing.
    it.skipIf(!sandboxWorks())('check passes', async () => {
      const course = courseUnderTest(join(prefix, 'node_modules/netns-tutor'));
      const r = await run(bin, ['check', ...course.args], { cwd: work, env });
      expect(r.code, `${course.label}:\n${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/All \d+ steps passed/);
      expect(hasEscapes(r.stdout)).toBe(false);
    }, 300_000);
  });
});
