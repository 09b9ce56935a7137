// Stage 8: the post on disk, atomically, never over an existing article unless asked.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { linkKey } from './post/link.js';

/** The link on a post's last line, `[source](link)`. */
export function lastLineLink(text: string): string | undefined {
  const last = text.replace(/\n+$/, '').split('\n').at(-1) ?? '';
  return /^\[[^\]]*\]\((\S+)\)$/.exec(last)?.[1];
}

/** The last-line link of a post, reading only the file's tail. */
async function readLastLink(file: string): Promise<string | undefined> {
  const handle = await fs.open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, 2048));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, size - buffer.length);
    return lastLineLink(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** Link key -> file, for the posts of one folder. Reads only each file's tail. */
export async function indexFolder(folder: string): Promise<Map<string, string>> {
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
    const link = await readLastLink(file);
    if (link) index.set(linkKey(link), file);
  }
  return index;
}

/** Finds an existing post of the same article: at the same path, or anywhere in its folder by link. */
export class ArchiveIndex {
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
        const index = await indexFolder(dir);
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
    if (!this.folders.has(folder)) this.folders.set(folder, indexFolder(folder));
    const inFolder = (await this.folders.get(folder)!).get(key);
    if (inFolder) return { file, existing: inFolder };
    if (!(await exists(file))) return { file };
    const theirs = await readLastLink(file);
    // A post whose link cannot be read is never taken for another article's.
    if (!theirs || linkKey(theirs) === key) return { file, existing: file };
    const alternative = file.replace(/(\.[^.]+\.md)$/, `-${createHash('md5').update(key).digest('hex').slice(0, 8)}$1`);
    return (await exists(alternative)) ? { file: alternative, existing: alternative } : { file: alternative };
  }

  /** Records a post just written, so a second input naming the same article is skipped. */
  async add(file: string, link: string): Promise<void> {
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) this.folders.set(folder, indexFolder(folder));
    (await this.folders.get(folder)!).set(linkKey(link), file);
    this.all?.set(linkKey(link), file);
  }
}

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/**
 * Writes through a temporary file in the same folder, flushed, then moved into place:
 * readers see the old file or the whole new one, never a part. Without `overwrite`,
 * the move is a hard link, which fails rather than replace a file that appeared meanwhile.
 */
export async function writeAtomic(file: string, text: string, overwrite: boolean): Promise<void> {
  if (!swept.has(path.dirname(file))) await fs.mkdir(path.dirname(file), { recursive: true });
  await sweepStaleTemps(path.dirname(file));
  const temp = tempFor(file);
  const handle = await fs.open(temp, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (overwrite) await fs.rename(temp, file);
    else {
      await fs.link(temp, file);
      await fs.unlink(temp);
    }
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

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

function sweepStaleTempsSync(folder: string): void {
  if (swept.has(folder)) return;
  swept.add(folder);
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names.filter(stale)) {
    try {
      unlinkSync(path.join(folder, name));
    } catch {
      // another process swept it
    }
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

/** The same, synchronously and always replacing: for `validate --fix`, which rewrites files it has read. */
export function writeAtomicSync(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  sweepStaleTempsSync(path.dirname(file));
  const temp = tempFor(file);
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
}
