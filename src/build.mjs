// Bundles the CLI into dist/ with no runtime dependencies. The UI is a separate
// chunk that only the interactive path imports. Builds into a fresh folder and
// swaps it in, so a failed or concurrent build never leaves dist/ half empty.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, `dist.tmp-${process.pid}`);

// Ink imports its devtools only when DEV=true; the tutor never sets it.
// Names this build for caches (parsed lessons): the same sources and dependencies give the same id.
function buildId() {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p.slice(root.length)).update('\0').update(readFileSync(p));
    }
  };
  walk(join(root, 'src'));
  h.update(readFileSync(join(root, 'package-lock.json')));
  return h.digest('hex').slice(0, 16);
}

const noDevtools = {
  name: 'no-ink-devtools',
  setup(b) {
    b.onResolve({ filter: /\/devtools\.js$/ }, (args) => (args.importer.includes('/ink/') ? { path: 'ink-devtools', namespace: 'empty' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default undefined;', loader: 'js' }));
  },
};

// Yoga's wasm loader asks `typeof fetch`, and in Node 20 that alone loads undici (about 35 ms of
// start-up) before it decodes the inlined base64 binary anyway.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout\/dist\/binaries\/yoga-wasm-base64-esm\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const patched = text.replaceAll('"function"!=typeof fetch', 'true');
      if (patched === text) throw new Error(`${args.path}: no \`typeof fetch\` left to patch; check yogaWithoutFetch in src/build.mjs`);
      return { contents: patched, loader: 'js' };
    });
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  jsx: 'automatic',
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': 'undefined', NETNS_TUTOR_BUILD: JSON.stringify(buildId()) },
  alias: { 'cli-highlight': './src/ui/plain-highlight.ts', 'node-emoji': './src/ui/no-emoji.ts' },
  plugins: [noDevtools, yogaWithoutFetch],
  metafile: true,
  logLevel: 'warning',
});

// Every bundled package keeps its licence notice.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!m || packages.has(m[1])) continue;
  const dir = join(root, input.slice(0, m.index + m[0].length));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  packages.set(m[1], `${pkg.name}@${pkg.version} (${pkg.license ?? 'see notice'})\n\n${file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${pkg.license}`}\n`);
}
writeFileSync(
  join(out, 'THIRD-PARTY-LICENSES.txt'),
  `netns-tutor bundles the following packages. Their licence notices follow.\n\n${[...packages.keys()].sort().map((k) => `${'='.repeat(72)}\n${packages.get(k)}`).join('\n')}`,
);

const dist = join(root, 'dist');
const old = join(root, `dist.old-${process.pid}`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(out, dist);
rmSync(old, { recursive: true, force: true });

if (process.env.BUILD_REPORT) {
  for (const [file, o] of Object.entries(result.metafile.outputs)) {
    if (o.bytes < 20000) continue;
    const agg = {};
    for (const [k, v] of Object.entries(o.inputs)) {
      const key = k.includes('node_modules/') ? k.split('node_modules/').pop().split('/').slice(0, k.includes('@') ? 2 : 1).join('/') : k.split('/').slice(0, 2).join('/');
      agg[key] = (agg[key] ?? 0) + v.bytesInOutput;
    }
    console.log(file.replace(out, 'dist'), o.bytes, Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 6).map((x) => x.join(':')).join(' '));
  }
}
