// Real file-system faults for the tests: a small tmpfs filled to its last page (ENOSPC),
// a read-only bind mount (EROFS); a file-size limit (EFBIG) is an option of runCli. Mounting
// needs root; CI runs as root, so there the tests always run.
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, fstatSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const IS_ROOT = process.getuid?.() === 0;
/** Whether to run them: as root, and always in CI (where a skip would hide a regression). */
export const CAN_FAULT = IS_ROOT || Boolean(process.env.CI);
export const SKIP_REASON = 'file-system faults need root (mount -t tmpfs, a read-only bind mount): run as root, as CI does';

async function mounted<T>(mountArgs: (dir: string) => string[][], fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressclip-mnt-'));
  let done = 0;
  try {
    for (const args of mountArgs(dir)) {
      execFileSync('mount', args);
      done++;
    }
    return await fn(dir);
  } finally {
    if (done) execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh tmpfs of `bytes` (rounded up to pages) for the length of `fn`. */
export const withTmpfs = <T>(bytes: number, fn: (dir: string) => Promise<T>) => mounted((dir) => [['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]], fn);

/** `source` seen through a read-only bind mount for the length of `fn`. */
export const withReadOnly = <T>(source: string, fn: (dir: string) => Promise<T>) =>
  mounted(
    (dir) => [
      ['--bind', source, dir],
      ['-o', 'remount,bind,ro', dir],
    ],
    fn,
  );

/** Fills the file system holding `dir` until `leave` bytes are left (0: full). */
export function fill(dir: string, leave = 0): void {
  const fd = openSync(path.join(dir, 'filler'), 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  if (leave) ftruncateSync(fd, Math.max(0, fstatSync(fd).size - leave));
  closeSync(fd);
}
