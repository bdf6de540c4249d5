import { detectLang } from '../i18n/index.js';
import { main, unexpectedErrorMessage } from './main.js';

/**
 * stdout or stderr failing is never a crash. A reader that goes away (`netns-tutor list | head`)
 * ends the program quietly with the status it had; a full disk (`> /dev/full`) or any other write
 * error ends it with status 1 and a short note on the other stream, when that one still works.
 */
function onStreamError(stream: NodeJS.WriteStream, other: NodeJS.WriteStream) {
  return (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    const name = stream === process.stdout ? 'standard output' : 'standard error';
    try {
      if (!other.destroyed && other.writable) other.write(`netns-tutor: cannot write to ${name}: ${e.code ?? e.message}${e.code === 'ENOSPC' ? ' (no space left on the device)' : ''}\n`);
    } catch {
      /* nowhere left to say it */
    }
    process.exit(1);
  };
}
process.stdout.on('error', onStreamError(process.stdout, process.stderr));
process.stderr.on('error', onStreamError(process.stderr, process.stdout));

/** Whatever escapes main(): one clear line (the stack only with NETNS_TUTOR_DEBUG=1), status 1. */
function lastResort(e: unknown): void {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  try {
    process.stderr.write(unexpectedErrorMessage(e, detectLang(undefined)) + '\n');
  } catch {
    /* stderr is gone too */
  }
  process.exit(1);
}
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  lastResort,
);
