import { main } from './main.js';

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
