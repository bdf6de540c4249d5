/** Reading a file that someone else controls: only a regular file, never blocking on open, never more than a bound. */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export type BoundedRead = { ok: true; text: string } | { ok: false; reason: string; code?: string; size?: number };

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  EISDIR: 'it is a folder, not a file',
  ENAMETOOLONG: 'the file name is too long',
  ENOTDIR: 'a part of the path is not a folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** The reason to show for a failed file operation: its code and what it means. */
export function describeFsError(e: unknown): { reason: string; code?: string } {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code) return { code, reason: `${code}: ${REASONS[code] ?? String((e as Error).message).replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}` };
  return { reason: String((e as Error)?.message ?? e) };
}

/**
 * Reads `path` as UTF-8 if it is a regular file of at most `maxBytes` bytes. A FIFO, a device
 * (a symlink to /dev/zero), a folder or a file that is too big is refused with a reason.
 * The file is opened with O_NONBLOCK, so a FIFO with no writer cannot block the open,
 * and its type is checked on the open descriptor, so it cannot be swapped in between.
 */
export function readBounded(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    return { ok: false, ...describeFsError(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, code: 'ENOTREG', reason: `not a regular file: it is ${kindOf(st)}` };
    const tooBig = (size: number, more = '') => ({ ok: false as const, code: 'EFBIG', size, reason: `the file is ${more}${size} bytes; at most ${maxBytes} bytes are allowed` });
    if (st.size > maxBytes) return tooBig(st.size);
    // The size can change while reading (a file still growing): read at most one byte past the bound.
    const buf = Buffer.allocUnsafe(maxBytes + 1);
    let used = 0;
    while (used < buf.length) {
      const n = readSync(fd, buf, used, buf.length - used, null);
      if (n === 0) break;
      used += n;
    }
    if (used > maxBytes) return tooBig(maxBytes, 'more than ');
    return { ok: true, text: buf.subarray(0, used).toString('utf8') };
  } catch (e) {
    return { ok: false, ...describeFsError(e) };
  } finally {
    closeSync(fd);
  }
}
