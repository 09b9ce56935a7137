// Writing into a site that is hostile or failing (issue 10, items 8, 10 and 11): a symbolic
// link inside content/ is never followed for writing; a folder or a FIFO named like a post
// neither crashes nor hangs anything; a full disk, a file-size limit and a read-only file
// system give one error per file, leave no temporary file, and the run goes on to its summary.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAN_FAULT, fill, SKIP_REASON, withReadOnly, withTmpfs } from '../reliability/fs-faults.js';
import { pressclip, problemLines } from './cli.js';
import { fixture, listFixtures, ROOT } from './helpers.js';

const PAGES = listFixtures('tencent/real', '.html').map((n) => fixture('tencent/real', n));
const FEED = fixture('feeds', 'afp__list.json');
const QQ = 'content/zh-CN/news/qq';
const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-write-'));
/** Every file under a folder, hidden ones included, relative. */
const tree = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);
const temporaries = (dir: string) => tree(dir).filter((f) => f.endsWith('.tmp'));
const HANG = { timeoutMs: 30_000 };

describe('symbolic links inside content/ are never followed for writing', () => {
  it('refuses a source folder that is a link to outside the site', async () => {
    const site = tmp();
    const outside = tmp();
    mkdirSync(path.join(site, 'content/zh-CN/news'), { recursive: true });
    symlinkSync(outside, path.join(site, QQ));
    const run = await pressclip(['import', PAGES[0], '--root', '.'], { cwd: site });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error .*: ${QQ} is a symbolic link \\(to ${outside}\\): nothing is written through a link\\n$`));
    expect(tree(outside)).toEqual([]);
  });

  it('refuses a language folder that is a link, even one pointing inside the site', async () => {
    const site = tmp();
    mkdirSync(path.join(site, 'content/other'), { recursive: true });
    symlinkSync('other', path.join(site, 'content/zh-CN'));
    const run = await pressclip(['import', PAGES[0], '--root', site]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('content/zh-CN is a symbolic link (to other)');
    expect(tree(path.join(site, 'content/other'))).toEqual([]);
  });

  it('with --force, never replaces a post that is a link (to a file outside) by writing through it', async () => {
    const site = tmp();
    const outside = path.join(tmp(), 'victim.md');
    const first = await pressclip(['import', PAGES[0], '--root', site]);
    const post = path.resolve(ROOT, first.stdout.trim()); // printed relative to the folder it ran in
    writeFileSync(outside, readFileSync(post)); // the same article: import takes it for the existing post
    execFileSync('rm', [post]);
    symlinkSync(outside, post);
    const run = await pressclip(['import', PAGES[0], '--root', site, '--force']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${first.stdout.trim()} is a symbolic link (to ${outside}): nothing is written through a link`);
    expect(readFileSync(outside, 'utf8')).toBe(readFileSync(post, 'utf8'));
    expect(temporaries(site)).toEqual([]);
  });

  it('refuses a folder swapped for a link, or for a file, after posts were written into it', async () => {
    // Every post after a folder's first is checked by real paths alone (write.ts, realFolder).
    const { writeAtomic } = await import('../src/write.js');
    const within = path.join(tmp(), 'content');
    const folder = path.join(within, 'en/news/site');
    await writeAtomic(path.join(folder, 'a.en.md'), 'a', { within, overwrite: false });
    await writeAtomic(path.join(folder, 'b.en.md'), 'b', { within, overwrite: false });
    expect(readdirSync(folder).sort()).toEqual(['a.en.md', 'b.en.md']);
    execFileSync('mv', [folder, path.join(within, 'en/news/moved')]);
    symlinkSync('moved', folder);
    await expect(writeAtomic(path.join(folder, 'c.en.md'), 'c', { within, overwrite: false })).rejects.toThrow('en/news/site is a symbolic link (to moved): nothing is written through a link');
    execFileSync('rm', [folder]);
    writeFileSync(folder, 'not a folder');
    await expect(writeAtomic(path.join(folder, 'c.en.md'), 'c', { within, overwrite: false })).rejects.toThrow('en/news/site is a regular file, not a folder');
    expect(readdirSync(path.join(within, 'en/news/moved')).sort()).toEqual(['a.en.md', 'b.en.md']);
  });

  it('keeps a content folder that is itself a link: the site chose it', async () => {
    const site = tmp();
    const store = tmp();
    symlinkSync(store, path.join(site, 'content'));
    const run = await pressclip(['import', PAGES[0], '--root', site]);
    expect(run.code).toBe(0);
    expect(tree(store).filter((f) => f.endsWith('.md'))).toHaveLength(1);
  });
});

describe('a folder or a FIFO named like a post', () => {
  const site = () => {
    const root = tmp();
    mkdirSync(path.join(root, QQ, 'folder.md'), { recursive: true });
    execFileSync('mkfifo', [path.join(root, QQ, 'fifo.md')]);
    mkdirSync(path.join(root, 'content/zh-HK/news/afp/x.md'), { recursive: true });
    execFileSync('mkfifo', [path.join(root, 'content/zh-HK/news/afp/y.md')]);
    return root;
  };

  it('import neither hangs nor fails: each is reported once, the posts are written', async () => {
    const root = site();
    const run = await pressclip(['import', ...PAGES, '--root', root], HANG);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(PAGES.length);
    expect(run.stderr.split('\n').filter(Boolean).sort()).toEqual([
      expect.stringMatching(/^warning \S+\/fifo\.md: a FIFO, not a regular file: not read$/),
      expect.stringMatching(/^warning \S+\/folder\.md: a folder, not a regular file: not read$/),
    ]);
  });

  it('batch neither crashes nor hangs, and prints its summary', async () => {
    const run = await pressclip(['batch', FEED, '--root', site(), '--folder', 'afp', '--register'], HANG);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toMatch(/warning .*x\.md: a folder, not a regular file: not read\n/);
    expect(run.stderr).toMatch(/warning .*y\.md: a FIFO, not a regular file: not read\n/);
    expect(run.stderr).toMatch(/batch finished in .*: 4 imported/);
  });

  it('one at the very path of a post is an error for that input', async () => {
    const root = tmp();
    mkdirSync(path.join(root, QQ, '20190907A081B0.zh-CN.md'), { recursive: true }); // the post of PAGES[0]
    const run = await pressclip(['import', PAGES[0], '--root', root], HANG);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\nerror .*: .* is taken: a folder, not a regular file\n$/);
  });
});

describe.skipIf(!CAN_FAULT)('a full disk, a file-size limit, a read-only file system', () => {
  if (!CAN_FAULT) it.skip(SKIP_REASON, () => undefined);

  it('import: one error per input, no temporary file, exit 1 (ENOSPC mid-write)', async () => {
    await withTmpfs(1 << 20, async (root) => {
      mkdirSync(path.join(root, QQ), { recursive: true });
      fill(root, 4096); // one page left: every post is cut off after its first 4 KB
      const run = await pressclip(['import', ...PAGES, '--root', '.'], { cwd: root });
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(PAGES.length - 1);
      for (const line of lines) expect(line).toMatch(/^error \S+: cannot write content\/zh-CN\/news\/qq\/\S+: no space left on device \(ENOSPC\)$/);
      expect(temporaries(root)).toEqual([]);
    });
  });

  it('batch: the summary, one failure per input, no temporary file, no stack trace (ENOSPC)', async () => {
    await withTmpfs(1 << 20, async (root) => {
      registerFeedFolder(root);
      fill(root);
      const run = await pressclip(['batch', FEED, '--root', root, '--folder', 'afp']);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      // The journal cannot be appended to either: no new inputs after the first failure
      // (a rerun must know what was done), the ones running end with their own errors.
      expect(run.stderr).toContain('cannot write the journal');
      expect(run.stderr).toMatch(/batch interrupted in .*: 0 imported, 0 skipped, [1-4] failed\n/);
      expect(run.stderr).toMatch(/ +[1-4] {2}cannot write: no space left on device \(ENOSPC\)\n/);
      expect(temporaries(root)).toEqual([]);
    });
  });

  it('validate --fix: each file left as it was, one error each, the summary, exit 1 (ENOSPC)', async () => {
    await withTmpfs(1 << 20, async (root) => {
      const posts = damagedPosts(root);
      const before = posts.map((p) => readFileSync(p, 'utf8'));
      fill(root);
      const run = await pressclip(['validate', '--fix', 'content'], { cwd: root });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('');
      expect(run.stdout.match(/not-fixed/g)).toHaveLength(posts.length);
      expect(problemLines(run.stdout)).toContain('1:1 error --fix left the file as it was: no space left on device (ENOSPC) not-fixed');
      expect(run.stdout).toMatch(/in 3 of 3 files\n$/);
      expect(posts.map((p) => readFileSync(p, 'utf8'))).toEqual(before);
      expect(temporaries(root)).toEqual([]);
    });
  });

  it('validate --fix under a file-size limit: files never cut short (EFBIG)', async () => {
    const root = tmp();
    const posts = damagedPosts(root);
    const before = posts.map((p) => readFileSync(p, 'utf8'));
    const run = await pressclip(['validate', '--fix', 'content'], { cwd: root, fileSizeLimit: 1024 });
    expect(run.code).toBe(1);
    expect(problemLines(run.stdout).match(/--fix left the file as it was: file too large \(EFBIG\) not-fixed/g)).toHaveLength(posts.length);
    expect(posts.map((p) => readFileSync(p, 'utf8'))).toEqual(before);
    expect(temporaries(root)).toEqual([]);
  });

  it('import under a file-size limit: an error, no temporary file (EFBIG)', async () => {
    const root = tmp();
    const run = await pressclip(['import', PAGES[0], '--root', root], { fileSizeLimit: 2048 });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error \S+: cannot write \S+: file too large \(EFBIG\)\n$/);
    expect(temporaries(root)).toEqual([]);
  });

  it('read-only: import, batch and validate --fix each end with their errors and summary (EROFS)', async () => {
    const source = tmp();
    const posts = damagedPosts(source);
    registerFeedFolder(source);
    const before = posts.map((p) => readFileSync(p, 'utf8'));
    await withReadOnly(source, async (root) => {
      const imported = await pressclip(['import', PAGES[0], '--root', root]);
      expect(imported.code).toBe(1);
      expect(imported.stderr).toMatch(/: read-only file system \(EROFS\)\n$/);
      const batch = await pressclip(['batch', FEED, '--root', root, '--folder', 'afp']);
      // Its outputs cannot be written: refused before any input, as a usage error.
      expect(batch.code).toBe(2);
      expect(batch.stderr).toMatch(/^usage error: cannot write the (journal|failed list) .*: read-only file system \(EROFS\)\n$/);
      expect(batch.stderr).not.toMatch(/\n\s+at /);
      const fixed = await pressclip(['validate', '--fix', 'content'], { cwd: root });
      expect(fixed.code).toBe(1);
      expect(problemLines(fixed.stdout).match(/read-only file system \(EROFS\) not-fixed/g)).toHaveLength(posts.length);
    });
    expect(posts.map((p) => readFileSync(p, 'utf8'))).toEqual(before);
  });
});

/** Three real posts with their lists unindented (--fix repairs that), under `root`. */
function damagedPosts(root: string): string[] {
  return listFixtures('archive-sample', '.md')
    .filter((n) => n.startsWith('20250209'))
    .slice(0, 3)
    .map((name) => {
      const file = path.join(root, QQ, name);
      mkdirSync(path.dirname(file), { recursive: true });
      cpSync(fixture('archive-sample', name), file);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}- "/gm, '- "'));
      return file;
    });
}

/** The feed's folder (afp, no source of the archive) registered in the site's config, as `sources add` writes it. */
function registerFeedFolder(root: string): void {
  writeFileSync(path.join(root, 'pressclip.config.json'), JSON.stringify({ sources: [{ folder: 'afp', langs: ['zh-HK'] }] }));
}
