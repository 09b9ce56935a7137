// Stage 8: the post on disk, atomically, never over an existing article unless asked.
import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { forTerminal } from './cli/escape.js';
import { yellow } from './cli/style.js';
import { linkKey } from './post/link.js';
import { kindOf, openRegular, systemReason, unreadableReason } from './regular-file.js';

/** The link on a post's last line, `[source](link)`. */
export function lastLineLink(text: string): string | undefined {
  const last = text.replace(/\n+$/, '').split('\n').at(-1) ?? '';
  return /^\[[^\]]*\]\((\S+)\)$/.exec(last)?.[1];
}

/** The last-line link of a post, reading only the file's tail (only a regular file is read). */
async function readLastLink(file: string): Promise<string | undefined> {
  const { handle, stats } = await openRegular(file);
  try {
    const buffer = Buffer.alloc(Math.min(stats.size, 2048));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, stats.size - buffer.length);
    return lastLineLink(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** Says that a file of the archive was not read, and why. */
export type Warn = (line: string) => void;
const toStderr: Warn = (line) => process.stderr.write(`${line}\n`);
const notRead = (file: string, error: unknown) => `${yellow('warning')} ${forTerminal(path.relative(process.cwd(), file))}: ${forTerminal(unreadableReason(error))}: not read`;

/** Link key -> file, for the posts of one folder. Reads only each file's tail; what is no regular file is reported. */
export async function indexFolder(folder: string, warn: Warn = toStderr): Promise<Map<string, string>> {
  const index = new Map<string, string>();
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return index;
  }
  for (const name of names) {
    if (!name.endsWith('.md')) continue;
    const file = path.join(folder, name);
    try {
      const link = await readLastLink(file);
      if (link) index.set(linkKey(link), file);
    } catch (error) {
      warn(notRead(file, error));
    }
  }
  return index;
}

/** Finds an existing post of the same article: at the same path, or anywhere in its folder by link. */
export class ArchiveIndex {
  constructor(private readonly warn: Warn = toStderr) {}

  private folders = new Map<string, Promise<Map<string, string>>>();
  /** Every post of the site by link key, when loaded (batch reads it once, to skip without a request). */
  private all?: Map<string, string>;

  /** Reads the last line of every post under <root>/content. */
  async loadAll(root: string): Promise<number> {
    this.all = new Map();
    const content = path.join(root, 'content');
    const langs = await fs.readdir(content).catch(() => [] as string[]);
    for (const lang of langs) {
      const news = path.join(content, lang, 'news');
      for (const folder of await fs.readdir(news).catch(() => [] as string[])) {
        const dir = path.join(news, folder);
        const index = await indexFolder(dir, this.warn);
        this.folders.set(dir, Promise.resolve(index));
        for (const [key, file] of index) this.all.set(key, file);
      }
    }
    return this.all.size;
  }

  /** A post holding this link anywhere in the site (only after loadAll). */
  byLink(link: string): string | undefined {
    return this.all?.get(linkKey(link));
  }

  /**
   * Where this article goes: `existing` when the site already holds it (at its path, or
   * under any name by its link), else the file to write. A different article already at
   * the path (ids that differ only in characters the archive removes, two md5 ids of one
   * title and date) keeps its file; this one gets the path with a hash of its link added.
   */
  async locate(file: string, link: string): Promise<{ file: string; existing?: string }> {
    const key = linkKey(link);
    const anywhere = this.byLink(link);
    if (anywhere) return { file, existing: anywhere };
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) this.folders.set(folder, indexFolder(folder, this.warn));
    const inFolder = (await this.folders.get(folder)!).get(key);
    if (inFolder) return { file, existing: inFolder };
    if (!(await exists(file))) return { file };
    const theirs = await readLastLink(file).catch((error) => {
      throw new Error(`${file} is taken: ${unreadableReason(error)}`);
    });
    // A post whose link cannot be read is never taken for another article's.
    if (!theirs || linkKey(theirs) === key) return { file, existing: file };
    const alternative = file.replace(/(\.[^.]+\.md)$/, `-${createHash('md5').update(key).digest('hex').slice(0, 8)}$1`);
    return (await exists(alternative)) ? { file: alternative, existing: alternative } : { file: alternative };
  }

  /** The last claim on each path, settled or not. */
  private claims = new Map<string, Promise<unknown>>();

  /**
   * Runs `work` (locate, then write) after every earlier claim on `file` is done. Two
   * articles bound for one path (one id, different links) that ran at once would both find
   * the path free, and the second write would fail on the first's file: one of them skipped
   * or not by which reached the disk first. In turn, the second finds the first's post and
   * takes the path beside it, as when they come one after the other.
   */
  async claim<T>(file: string, work: () => Promise<T>): Promise<T> {
    const mine = (this.claims.get(file) ?? Promise.resolve()).then(work);
    const settled = mine.catch(() => undefined);
    this.claims.set(file, settled);
    try {
      return await mine;
    } finally {
      if (this.claims.get(file) === settled) this.claims.delete(file);
    }
  }

  /** Records a post just written, so a second input naming the same article is skipped. */
  async add(file: string, link: string): Promise<void> {
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) this.folders.set(folder, indexFolder(folder, this.warn));
    (await this.folders.get(folder)!).set(linkKey(link), file);
    this.all?.set(linkKey(link), file);
  }
}

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

export interface WriteOptions {
  /**
   * The folder the file must stay in, by its real path. It may itself be reached through
   * a symbolic link (the site's own layout); below it, no link is followed.
   */
  within: string;
  /** Replace an existing file (a rename); without it, a file that appeared meanwhile wins (a hard link fails). */
  overwrite: boolean;
  /**
   * The file being rewritten, as it was read: its mode and owner are kept, and the write
   * is refused if it changed since or has other hard links (a rename would split them).
   */
  replacing?: Stats;
}

/** A path in a message: from the current folder, as every path pressclip prints (the shell can use it). */
const shownFrom = (_within: string, p: string) => path.relative(process.cwd(), p) || p;

/** A write that would go through a symbolic link or leave `within`: refused, nothing written. */
export class WriteRefused extends Error {}

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/**
 * Writes through a temporary file in the same folder, flushed, then moved into place:
 * readers see the old file or the whole new one, never a part. Every folder from
 * `within` down is checked to be a real folder, not a link, before the temporary file is
 * made and again before it is moved (a folder swapped for a link meanwhile is caught),
 * and the temporary file is removed on every failure (a full disk, a file-size limit, a
 * read-only file system).
 */
export async function writeAtomic(file: string, data: string | Uint8Array, options: WriteOptions): Promise<void> {
  try {
    await writeThroughTemp(file, data, options);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    throw code ? Object.assign(new Error(systemReason(error)), { code }) : error;
  }
}

async function writeThroughTemp(file: string, data: string | Uint8Array, options: WriteOptions): Promise<void> {
  const folder = path.dirname(file);
  const real = await realFolder(options.within, folder, !options.replacing);
  await checkTarget(file, options);
  await sweepStaleTemps(folder);
  const temp = tempFor(file);
  const kept = options.replacing;
  const handle = await fs.open(temp, CREATE, kept ? kept.mode & 0o7777 : 0o666);
  try {
    try {
      await handle.writeFile(data);
      if (kept) await keepOwnerAndMode(handle, kept);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if ((await fs.realpath(folder)) !== real) throw new WriteRefused(`${shownFrom(options.within, folder)} moved while it was being written`);
    await checkTarget(file, options);
    if (options.overwrite) await fs.rename(temp, file);
    else {
      await fs.link(temp, file);
      await fs.unlink(temp).catch(() => undefined);
    }
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The real path of `folder`, made if missing (when `create`), with no symbolic link from `within` down. */
async function realFolder(within: string, folder: string, create: boolean): Promise<string> {
  const relative = path.relative(within, folder);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new WriteRefused(`${folder} is outside ${within}`);
  // The common case, every post after a folder's first, in two requests instead of six: a
  // folder whose real path is `within`'s real path and the same names below it has no link
  // from `within` down (a link is resolved to another path, or fails as a loop), and with a
  // separator at its end, it is a folder. Else the walk below makes what is missing and
  // says what is in the way.
  const [base, real] = await Promise.all([fs.realpath(within).catch(() => undefined), fs.realpath(folder + path.sep).catch(() => undefined)]);
  if (base && real === path.join(base, relative)) return real;
  return walkFolder(within, folder, relative, create);
}

/** realFolder's walk from `within` down to `folder`, one part at a time. */
async function walkFolder(within: string, folder: string, relative: string, create: boolean): Promise<string> {
  if (create) await fs.mkdir(within, { recursive: true });
  const base = await fs.realpath(within);
  const shown = (p: string) => shownFrom(within, p);
  let current = within;
  for (const part of relative.split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    let stats = await lstatOrNothing(current);
    if (!stats && create) {
      await fs.mkdir(current).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      stats = await fs.lstat(current);
    }
    if (!stats) throw new Error(`${shown(current)}: no such folder`);
    if (stats.isSymbolicLink()) throw new WriteRefused(`${shown(current)} is a symbolic link (to ${await fs.readlink(current)}): nothing is written through a link`);
    if (!stats.isDirectory()) throw new Error(`${shown(current)} is ${kindOf(stats)}, not a folder`);
  }
  const real = await fs.realpath(folder);
  if (real !== path.join(base, relative)) throw new WriteRefused(`${shown(folder)} resolves to ${real}, outside ${base}`);
  return real;
}

/** The file about to be replaced or created: never a link, a folder or a FIFO; when rewriting, the very file that was read. */
async function checkTarget(file: string, options: WriteOptions): Promise<void> {
  const stats = await lstatOrNothing(file);
  const name = shownFrom(options.within, file);
  if (stats?.isSymbolicLink()) throw new WriteRefused(`${name} is a symbolic link (to ${await fs.readlink(file)}): nothing is written through a link`);
  if (stats && !stats.isFile()) throw new Error(`${name} is ${kindOf(stats)}, not a regular file`);
  const read = options.replacing;
  if (!read) return;
  if (!stats || stats.ino !== read.ino || stats.dev !== read.dev || stats.size !== read.size || stats.mtimeMs !== read.mtimeMs) throw new Error('the file changed while it was being fixed');
  if (stats.nlink > 1) throw new WriteRefused(`the file has ${stats.nlink} hard links: rewriting it would split them (copy it to break the link, then fix it)`);
}

/** The new file gets the old one's owner (when it differs from ours) and mode, set bits included. */
async function keepOwnerAndMode(handle: fs.FileHandle, old: Stats): Promise<void> {
  const mine = await handle.stat();
  if (mine.uid !== old.uid || mine.gid !== old.gid) {
    await handle.chown(old.uid, old.gid).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot keep its owner ${old.uid}:${old.gid} (${error.code})`);
    });
  }
  await handle.chmod(old.mode & 0o7777); // after chown, which clears set-id bits; and past the umask
}

const lstatOrNothing = (file: string) =>
  fs.lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });

const swept = new Set<string>();
/** A temporary file of ours, and the process that made it. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** A hidden temporary file beside `file`, named so that TEMP_NAME knows its process. */
const tempFor = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
const stale = (name: string) => {
  const pid = TEMP_NAME.exec(name)?.[1];
  return pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid));
};

/**
 * Temporary files left by a process that was killed (kill -9, a power cut) are removed
 * the first time this process writes into their folder; those of live processes stay.
 */
async function sweepStaleTemps(folder: string): Promise<void> {
  if (swept.has(folder)) return;
  swept.add(folder);
  for (const name of await fs.readdir(folder).catch(() => [] as string[])) {
    if (stale(name)) await fs.unlink(path.join(folder, name)).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
