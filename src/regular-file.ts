// Reading a file that may not be one. A folder named `x.md` fails the first read with
// EISDIR, and a FIFO blocks `open` until a writer comes, forever. Opening with O_NONBLOCK
// never blocks (a FIFO opens at once; a regular file reads as usual), and fstat of the
// descriptor tells what was opened, with no gap between a check and the open.
import { closeSync, constants, fstatSync, openSync, promises as fs, type Stats } from 'node:fs';

/** A path that exists but holds no regular file: a folder, a FIFO, a socket, a device. */
export class NotRegularFile extends Error {
  constructor(readonly kind: string) {
    super(`${kind}, not a regular file`);
  }
}

export function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'a regular file';
}

const READ = constants.O_RDONLY | constants.O_NONBLOCK;

/** An open regular file and its stats; anything else is closed again and refused. */
export function openRegularSync(file: string): { fd: number; stats: Stats } {
  const fd = openSync(file, READ);
  const stats = fstatSync(fd);
  if (stats.isFile()) return { fd, stats };
  closeSync(fd);
  throw new NotRegularFile(kindOf(stats));
}

export async function openRegular(file: string): Promise<{ handle: fs.FileHandle; stats: Stats }> {
  const handle = await fs.open(file, READ);
  const stats = await handle.stat();
  if (stats.isFile()) return { handle, stats };
  await handle.close();
  throw new NotRegularFile(kindOf(stats));
}

/** Why a file could not be read, in words: the kind of thing it is, or the system's reason. */
export function unreadableReason(error: unknown): string {
  if (error instanceof NotRegularFile) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file (a symbolic link to nothing, or removed meanwhile)';
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  return systemReason(error);
}

/**
 * A system error without the call and the path Node appends ("EROFS: read-only file
 * system, open '/site/content/.x.md.123.ab12cd34.tmp'" -> "read-only file system
 * (EROFS)"): the message names the post already, and the temporary file means nothing.
 */
export function systemReason(error: unknown): string {
  const { code, syscall, message } = error as NodeJS.ErrnoException;
  const m = code && syscall ? new RegExp(`^${code}: (.*?), ${syscall}\\b`).exec(message) : null;
  return m ? `${m[1]} (${code})` : message;
}
