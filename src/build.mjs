// Bundles the CLI into dist/ with no runtime dependencies. The UI is a separate
// chunk that only the interactive path imports.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  jsx: 'automatic',
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': 'undefined' },
  // Ink loads its devtools only when DEV=true; the package is not bundled.
  external: ['react-devtools-core'],
  alias: { 'cli-highlight': './src/ui/plain-highlight.ts', 'node-emoji': './src/ui/no-emoji.ts' },
  metafile: true,
  logLevel: 'warning',
});

if (process.env.BUILD_REPORT) {
  for (const [file, out] of Object.entries(result.metafile.outputs)) if (out.bytes > 20000) console.log(file, out.bytes);
}
if (process.env.BUILD_REPORT === 'inputs') {
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    if (out.bytes < 20000) continue;
    const agg = {};
    for (const [k, v] of Object.entries(out.inputs)) {
      const key = k.includes('node_modules/') ? k.split('node_modules/').pop().split('/').slice(0, k.includes('@') ? 2 : 1).join('/') : k.split('/').slice(0, 2).join('/');
      agg[key] = (agg[key] ?? 0) + v.bytesInOutput;
    }
    console.log(file, Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 8).map((x) => x.join(':')).join(' '));
  }
}
