#!/usr/bin/env node
// The launcher: runs the bundled tutor, or, in a clone that has not been built, says what to run instead.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) await import(cli.href);
else {
  const clone = existsSync(new URL('../src/build.mjs', import.meta.url));
  const installed = existsSync(new URL('../node_modules/esbuild/package.json', import.meta.url));
  const root = new URL('..', import.meta.url).pathname;
  process.stderr.write(
    clone
      ? `netns-tutor is not built in this clone (${root}dist/ is missing).\n` +
          (installed ? 'Build it with:  npm run build\n' : 'Install and build it with:  npm ci && npm run build\n') +
          'then run:  npx netns-tutor\n'
      : `netns-tutor is incomplete: ${root}dist/cli.js is missing. Reinstall the package.\n`,
  );
  process.exitCode = 1;
}
