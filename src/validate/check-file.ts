// One post file checked (and fixed, when asked): the unit of work that validate spreads
// over worker threads. Whatever happens while checking one file is a diagnostic of that
// file; it never ends the run.
import { isUtf8 } from 'node:buffer';
import { closeSync, readSync, type Stats } from 'node:fs';
import { openRegularSync, unreadableReason } from '../regular-file.js';
import { linkKey } from '../post/link.js';
import type { Allowed } from '../sources.js';
import { writeAtomic } from '../write.js';
import { checkBody, healBody } from './body.js';
import type { PostFile } from './files.js';
import { fixPostBytes } from './fix.js';
import { readFrontMatter } from './frontmatter.js';
import { checkPost, diagnostic, type Diagnostic } from './rules.js';
import { readSource } from './source.js';

export interface FileOutcome {
  diagnostics: Diagnostic[];
  fixed: boolean;
  /** The last line's link and its key (both Tencent id forms alike), for the cross-file check. */
  link?: { url: string; line: number; key: string };
}

/** One buffer reused for every file that fits: 30,000 allocations less for the collector. */
let scratch = Buffer.allocUnsafe(256 * 1024);

/** The file's bytes (valid until the next call) and its stats; only a regular file is read. */
function readBytes(file: string): { bytes: Buffer; stats: Stats } {
  const { fd, stats } = openRegularSync(file);
  try {
    let got = 0;
    for (;;) {
      if (got === scratch.length) {
        const bigger = Buffer.allocUnsafe(Math.max(scratch.length * 2, stats.size + 1));
        scratch.copy(bigger);
        scratch = bigger;
      }
      const n = readSync(fd, scratch, got, scratch.length - got, null);
      got += n;
      // The file ends where fstat said, as readFileSync trusts: one read per post instead of
      // a second one to see 0 (30,000 system calls less over the archive).
      if (n === 0 || got === stats.size) return { bytes: scratch.subarray(0, got), stats };
    }
  } finally {
    closeSync(fd);
  }
}

const only = (d: Diagnostic): FileOutcome => ({ diagnostics: [d], fixed: false });

/** The outcome of a file whose check failed or never came back (its worker thread died). */
export const lostCheck = (why: string): FileOutcome => only(diagnostic('check-failed', `the file could not be checked: ${why}`, 1, 1));


/** The rules on a post's bytes, and the front matter's encoding, which Hugo's YAML reader checks first. */
function checkBytes(file: string, bytes: Buffer, allowed: Allowed, now: string, body: boolean): FileOutcome {
  const source = readSource(bytes);
  const checked = checkPost({ file, ending: source.ending, fm: readFrontMatter(source.head), allowed, now });
  if (source.frontMatterEnd >= 0 && !isUtf8(bytes.subarray(0, source.frontMatterEnd))) {
    // Decoding put U+FFFD where the bytes were: the first one is near enough to point at.
    const line = source.head.slice(0, Math.max(0, source.head.indexOf('\ufffd'))).split('\n').length;
    checked.diagnostics.push(diagnostic('frontmatter-encoding', 'the front matter holds bytes that are not UTF-8: Hugo refuses the whole build ("invalid leading UTF-8 octet")', line, 1));
  }
  const link = checked.link && { ...checked.link, key: linkKey(checked.link.url) };
  return { diagnostics: body ? [...checked.diagnostics, ...checkBody(bytes)] : checked.diagnostics, fixed: false, link };
}

/** What --fix would write over a file, and the file as it was read. */
interface Repair {
  bytes: Buffer;
  stats: Stats;
}

/** One file read and checked; with --fix, the repair it needs, if any (written by the caller). */
function checkOne(post: PostFile, allowed: Allowed, now: string, fix: boolean, body: boolean): { outcome: FileOutcome; repair?: Repair } {
  if (post.problem) return { outcome: only(diagnostic(post.problem.rule, post.problem.message, 1, 1)) };
  let read;
  try {
    read = readBytes(post.file);
  } catch (error) {
    return { outcome: only(diagnostic('file-unreadable', `not read: ${unreadableReason(error)}`, 1, 1)) };
  }
  const outcome = checkBytes(post.file, read.bytes, allowed, now, body);
  if (!fix) return { outcome };
  // The body rules' repairs first (valid UTF-8 only), then the front matter's; the body's other bytes carried over.
  const healed = body ? healBody(read.bytes) : undefined;
  const base = healed === undefined ? read.bytes : Buffer.from(healed);
  const source = readSource(base);
  const repaired = fixPostBytes(base, source.frontMatterEnd, readFrontMatter(source.head)) ?? (healed === undefined ? undefined : base);
  return { outcome, repair: repaired && !repaired.equals(read.bytes) ? { bytes: repaired, stats: read.stats } : undefined };
}

/** Writes a repair (never through a link, keeping mode and owner) and checks what was written; or says why not. */
async function applyRepair(post: PostFile, repair: Repair, unfixed: FileOutcome, allowed: Allowed, now: string, body: boolean): Promise<FileOutcome> {
  try {
    await writeAtomic(post.file, repair.bytes, { within: post.base, overwrite: true, replacing: repair.stats });
  } catch (error) {
    return { ...unfixed, diagnostics: [...unfixed.diagnostics, diagnostic('not-fixed', `--fix left the file as it was: ${(error as Error).message}`, 1, 1)] };
  }
  try {
    return { ...checkBytes(post.file, repair.bytes, allowed, now, body), fixed: true };
  } catch (error) {
    return { ...lostCheck((error as Error).message), fixed: true };
  }
}

/** Files one after another: the checks are synchronous; only a repair is awaited (before the next read). */
export async function checkAll(posts: readonly PostFile[], allowed: Allowed, now: string, fix: boolean, body = true): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  for (const post of posts) {
    // Whatever goes wrong in checking one file is that file's diagnostic, never the run's end.
    let checked: { outcome: FileOutcome; repair?: Repair };
    try {
      checked = checkOne(post, allowed, now, fix, body);
    } catch (error) {
      checked = { outcome: lostCheck((error as Error).message) };
    }
    out.push(checked.repair ? await applyRepair(post, checked.repair, checked.outcome, allowed, now, body) : checked.outcome);
  }
  return out;
}
