// Hostile and failing file systems (issue 10, items 8 to 11), through the real command
// line: symbolic links inside content/ that lead elsewhere, things named like posts that
// are not files, and a full disk, a file-size limit and a read-only file system.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CAN_FAULT, fill, withReadOnly, withTmpfs } from './fs-faults.js';
import { emptyRow, noteEnding, ROOT, runCli, type Ran, type Row } from './harness.js';

const PAGES = readdirSync(path.join(ROOT, 'fixtures/tencent/real'))
  .filter((n) => n.endsWith('.html'))
  .sort()
  .map((n) => path.join(ROOT, 'fixtures/tencent/real', n));
const FEED = path.join(ROOT, 'fixtures/feeds/afp__list.json');
const SAMPLE = path.join(ROOT, 'fixtures/archive-sample');
const LIMIT = { limitMs: 60_000 };

/** Every entry under a folder, links not followed: path -> a digest of the content, or the link's target. */
function fingerprint(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const stats = lstatSync(full);
      if (stats.isSymbolicLink()) out.set(path.relative(dir, full), `-> ${readlinkSync(full)}`);
      else if (stats.isDirectory()) {
        out.set(path.relative(dir, full) + '/', 'folder');
        walk(full);
      } else out.set(path.relative(dir, full), stats.isFile() ? createHash('md5').update(readFileSync(full)).digest('hex') : 'special');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const temporaries = (dir: string) => [...fingerprint(dir).keys()].filter((f) => f.endsWith('.tmp'));
const work = () => mkdtempSync(path.join(tmpdir(), 'pressclip-fsrel-'));

/** A real post with its lists unindented: --fix has something to do. */
const damagedTextOf = (name: string) => readFileSync(path.join(SAMPLE, name), 'utf8').replace(/^ {2}- "/gm, '- "');

/** Real posts with their lists unindented (--fix repairs that), in `folder`. */
function damagedPosts(folder: string, count = 3): string[] {
  mkdirSync(folder, { recursive: true });
  return readdirSync(SAMPLE)
    .filter((n) => n.startsWith('20250209') && n.endsWith('.md'))
    .slice(0, count)
    .map((name) => {
      writeFileSync(path.join(folder, name), damagedTextOf(name));
      return path.join(folder, name);
    });
}

/** A run that refused to write through a link: exit 1 and its reason said. */
const refusedLink = (ran: Ran) => ran.code === 1 && /is a symbolic link \(to .*\): nothing is written through a link/.test(ran.stdout + ran.stderr);

/**
 * A link at each level of a post's path (language, news, source folder, the post itself)
 * to a folder or file outside the site, to one inside it, or to nothing; then import,
 * import --force, batch and validate --fix. Each must refuse, and nothing outside change.
 */
export async function runLinkWrites(): Promise<Row> {
  const row = emptyRow('symbolic links inside content/ (writes)');
  const dir = work();
  try {
    const reference = path.join(dir, 'reference');
    const ref = await runCli(['import', PAGES[0], '--root', reference]);
    // Printed from the current folder (the project's): content/zh-CN/news/qq/<id>.zh-CN.md from the site's.
    const postPath = path.relative(reference, path.resolve(ROOT, ref.stdout.trim()));
    const post = readFileSync(path.join(reference, postPath), 'utf8');
    const levels = { lang: 'content/zh-CN', news: 'content/zh-CN/news', source: 'content/zh-CN/news/qq', post: postPath };
    let n = 0;
    const trial = async (label: string, args: (root: string) => string[], link: string, target: 'outside' | 'inside' | 'nowhere', setup?: (root: string, outside: string) => void) => {
      const root = path.join(dir, `site-${++n}`);
      const outside = path.join(dir, `outside-${n}`);
      mkdirSync(path.join(root, 'content'), { recursive: true });
      mkdirSync(outside);
      const isPost = link.endsWith('.md');
      const at = path.join(root, link);
      mkdirSync(path.dirname(at), { recursive: true });
      // A post-level link points at a copy of the same article: import takes it for the post.
      if (isPost && target !== 'nowhere') writeFileSync(path.join(target === 'outside' ? outside : path.join(root, 'content'), 'post.md'), post);
      if (!isPost && target === 'inside') mkdirSync(path.join(root, 'content/elsewhere'));
      const to = { outside: isPost ? path.join(outside, 'post.md') : outside, inside: path.join(root, 'content', isPost ? 'post.md' : 'elsewhere'), nowhere: path.join(dir, `nowhere-${n}`) }[target];
      symlinkSync(to, at);
      setup?.(root, outside);
      const before = fingerprint(outside);
      const ran = await runCli(args(root), { cwd: root, ...LIMIT });
      row.tried++;
      const name = `${label}, ${link} -> ${target}`;
      if (!noteEnding(row, ran, name)) return;
      if (!same(before, fingerprint(outside)) || existsSync(path.join(dir, `nowhere-${n}`))) {
        row.outsideRoot++;
        row.problems.push(`outside root: ${name} wrote through the link`);
      } else if (refusedLink(ran)) row.handled++;
      // Without --force, a link to the same article is read (as Hugo reads it) and the input skipped.
      else if (ran.code === 0 && /^skipped .*: already in the archive as /.test(ran.stderr)) row.ok++;
      else {
        row.crashes++;
        row.problems.push(`unexpected: ${name}: exit ${ran.code}: ${(ran.stderr || ran.stdout).trim().split('\n')[0]}`);
      }
    };
    for (const [level, link] of Object.entries(levels)) {
      for (const target of ['outside', 'inside', 'nowhere'] as const) {
        await trial(`import (${level})`, (root) => ['import', PAGES[0], '--root', root], link, target);
        await trial(`import --force (${level})`, (root) => ['import', PAGES[0], '--root', root, '--force'], link, target);
      }
    }
    for (const link of ['content/zh-HK', 'content/zh-HK/news', 'content/zh-HK/news/afp']) {
      for (const target of ['outside', 'inside', 'nowhere'] as const) await trial('batch', (root) => ['batch', FEED, '--root', root, '--folder', 'afp', '--register'], link, target);
    }
    // validate --fix on damaged posts reached through a linked folder, and through linked files.
    await trial('validate --fix', () => ['validate', '--fix', 'content'], 'content/zh-CN/news/qq', 'outside', (_, outside) => damagedPosts(outside));
    await trial('validate --fix', () => ['validate', '--fix', 'content'], 'content/zh-CN/news/qq/20250209A06L0J.zh-CN.md', 'outside', (_, outside) => writeFileSync(path.join(outside, 'post.md'), damagedTextOf('20250209A06L0J.zh-CN.md')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return row;
}

type Kind = { name: string; make: (file: string) => void; folder?: boolean };
const KINDS: Kind[] = [
  { name: 'a FIFO', make: (f) => execFileSync('mkfifo', [f]) },
  { name: 'a folder', make: (f) => mkdirSync(f), folder: true },
  { name: 'a link to nothing', make: (f) => symlinkSync(`${f}.gone`, f) },
  { name: 'a loop of links', make: (f) => (symlinkSync(`${f}.b`, f), symlinkSync(f, `${f}.b`)) },
  { name: 'a link to /dev/zero', make: (f) => symlinkSync('/dev/zero', f) },
];

/**
 * Each kind of thing that is not a regular file, named like a post, where import, batch
 * and validate read: in a source folder, at the very path of a post, named on the command
 * line. Nothing may hang or crash; each is reported, and the rest of the work is done.
 */
export async function runNotRegular(): Promise<Row> {
  const row = emptyRow('not a regular file, named like a post');
  const dir = work();
  try {
    const reference = path.join(dir, 'reference');
    const postPath = path.relative(reference, path.resolve(ROOT, (await runCli(['import', PAGES[0], '--root', reference])).stdout.trim()));
    let n = 0;
    for (const kind of KINDS) {
      const site = (where: string) => {
        const root = path.join(dir, `site-${++n}`);
        const file = path.join(root, where);
        mkdirSync(path.dirname(file), { recursive: true });
        kind.make(file);
        return { root, file };
      };
      const judge = (label: string, ran: Ran, expected: (ran: Ran) => 'ok' | 'handled' | string) => {
        row.tried++;
        if (!noteEnding(row, ran, `${label}: ${kind.name}`)) return;
        const verdict = expected(ran);
        if (verdict === 'ok') row.ok++;
        else if (verdict === 'handled') row.handled++;
        else {
          row.crashes++;
          row.problems.push(`unexpected: ${label}: ${kind.name}: ${verdict}`);
        }
      };
      const warned = (ran: Ran) => /^warning \S+x\.zh-CN\.md: .*: not read$/m.test(ran.stderr);
      // import: in the source folder (reported, the posts written), and at the post's own path (that input fails).
      let s = site('content/zh-CN/news/qq/x.zh-CN.md');
      judge('import, in the folder', await runCli(['import', ...PAGES, '--root', s.root], LIMIT), (r) =>
        r.code === 0 && r.stdout.trim().split('\n').length === PAGES.length && (kind.folder || warned(r)) ? 'ok' : `exit ${r.code}: ${r.stderr.trim()}`,
      );
      s = site(postPath);
      judge('import, at the post path', await runCli(['import', PAGES[0], '--root', s.root], LIMIT), (r) => (r.code === 1 && /^error .*: (.* is taken: .*|.*symbolic link.*)$/m.test(r.stderr) ? 'handled' : `exit ${r.code}: ${r.stderr.trim()}`));
      s = site('content/zh-HK/news/afp/x.zh-CN.md');
      judge('batch', await runCli(['batch', FEED, '--root', s.root, '--folder', 'afp', '--register'], LIMIT), (r) => (r.code === 0 && /batch finished .*: 4 imported/.test(r.stderr) ? 'ok' : `exit ${r.code}: ${r.stderr.trim().slice(-200)}`));
      // validate: found in a walk, and named; with --fix too. A real post beside it is still checked.
      for (const args of [['validate'], ['validate', 'content/zh-CN/news/qq/x.zh-CN.md'], ['validate', '--fix']]) {
        s = site('content/zh-CN/news/qq/x.zh-CN.md');
        cpSync(path.join(SAMPLE, '20250209A06L0J.zh-CN.md'), path.join(s.root, 'content/zh-CN/news/qq/20250209A06L0J.zh-CN.md'));
        judge(args.join(' '), await runCli(args, { cwd: s.root, ...LIMIT }), (r) => {
          if (kind.folder) return r.code === 0 ? 'ok' : `exit ${r.code}: ${r.stdout.trim()}`;
          return r.code === 1 && /x\.zh-CN\.md\n +1:1 +error +not read: .* +file-unreadable\n/.test(r.stdout) ? 'handled' : `exit ${r.code}: ${r.stdout.trim()}`;
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return row;
}

interface Fault {
  name: string;
  /** Runs `fn` with a site root on the failing file system, `prepare` having made its files first. */
  run: (prepare: (root: string) => void, fn: (root: string, limit?: number) => Promise<void>) => Promise<void>;
}

const FAULTS: Fault[] = [
  { name: 'disk full', run: (prepare, fn) => withTmpfs(2 << 20, async (root) => (prepare(root), fill(root), fn(root))) },
  { name: 'disk full mid-write', run: (prepare, fn) => withTmpfs(2 << 20, async (root) => (prepare(root), fill(root, 4096), fn(root))) },
  {
    name: 'file-size limit',
    run: async (prepare, fn) => {
      const root = work();
      prepare(root);
      await fn(root, 1024).finally(() => rmSync(root, { recursive: true, force: true }));
    },
  },
  {
    name: 'read-only',
    run: async (prepare, fn) => {
      const source = work();
      prepare(source);
      await withReadOnly(source, (root) => fn(root)).finally(() => rmSync(source, { recursive: true, force: true }));
    },
  },
];

/**
 * A full disk (a small tmpfs, full or with one page left), a file-size limit (prlimit) and
 * a read-only bind mount, under import, batch and validate --fix: exit 1 with one error per
 * file, the summary printed, no temporary file left, and every post whole (old or new).
 */
export async function runWriteFaults(): Promise<Row> {
  const row = emptyRow('disk full, file-size limit, read-only');
  const dir = work();
  try {
    // The complete posts, to tell a whole one from a cut one.
    const reference = path.join(dir, 'reference');
    await runCli(['import', ...PAGES, '--root', reference]);
    await runCli(['batch', FEED, '--root', reference, '--folder', 'afp', '--register']);
    const fixedRef = path.join(dir, 'fixed');
    damagedPosts(path.join(fixedRef, 'content/zh-CN/news/qq'));
    await runCli(['validate', '--fix', 'content'], { cwd: fixedRef });
    const whole = new Set([...readPosts(reference).values(), ...readPosts(fixedRef).values(), ...readdirSync(SAMPLE).filter((n) => n.startsWith('20250209')).map(damagedTextOf)]);
    const commands: { name: string; args: (root: string) => string[]; cwd?: boolean; prepare: (root: string) => void; summary: (r: Ran) => boolean; refused?: (r: Ran) => boolean }[] = [
      { name: 'import', args: (root) => ['import', ...PAGES, '--root', root], prepare: (root) => mkdirSync(path.join(root, 'content/zh-CN/news/qq'), { recursive: true }), summary: (r) => r.stderr.trim().split('\n').every((l) => /^error \S+: cannot write \S+: .*\((ENOSPC|EFBIG|EROFS)\)$/.test(l)) },
      { name: 'batch', args: (root) => ['batch', FEED, '--root', root, '--folder', 'afp'], prepare: (root) => (mkdirSync(path.join(root, 'content'), { recursive: true }), writeFileSync(path.join(root, 'pressclip.config.json'), JSON.stringify({ sources: [{ folder: 'afp', langs: ['zh-HK'] }] }))), summary: (r) => /batch (finished|interrupted) in .*failed/.test(r.stderr),
        // Outputs that cannot be written from the start (a read-only site): refused before any input.
        refused: (r) => r.code === 2 && /^usage error: cannot write the (journal|failed list|report) .*\((EROFS|ENOSPC|EFBIG)\)\n$/.test(r.stderr) },
      { name: 'validate --fix', args: () => ['validate', '--fix', 'content'], cwd: true, prepare: (root) => void damagedPosts(path.join(root, 'content/zh-CN/news/qq')), summary: (r) => /in \d+ of 3 files(, \d+ files? fixed)?\n$/.test(r.stdout) && /not-fixed/.test(r.stdout) },
    ];
    for (const fault of FAULTS) {
      for (const command of commands) {
        await fault.run(command.prepare, async (root, limit) => {
          const ran = await runCli(command.args(root), { cwd: command.cwd ? root : ROOT, fileSizeLimit: limit, ...LIMIT });
          const label = `${command.name} (${fault.name})`;
          row.tried++;
          // A usage error (exit 2) only where the command refuses before doing anything.
          if (!noteEnding(row, ran, label, command.refused ? [0, 1, 2] : [0, 1])) return;
          const left = temporaries(root);
          const cut = [...readPosts(root)].filter(([, text]) => !whole.has(text)).map(([f]) => f);
          if (left.length || cut.length) {
            row.damaged++;
            row.problems.push(`${label}: ${left.length} temporary files left, ${cut.length} posts not whole (${cut.slice(0, 2).join(', ')})`);
          } else if ((ran.code === 1 && command.summary(ran)) || command.refused?.(ran)) row.handled++;
          else {
            row.crashes++;
            row.problems.push(`unexpected: ${label}: exit ${ran.code}: ${(ran.stderr || ran.stdout).trim().slice(-300)}`);
          }
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return row;
}

/** Every post under a site's content/, by path. */
function readPosts(root: string): Map<string, string> {
  const content = path.join(root, 'content');
  const out = new Map<string, string>();
  for (const [file, digest] of fingerprint(content)) if (file.endsWith('.md') && digest !== 'folder') out.set(file, readFileSync(path.join(content, file), 'utf8'));
  return out;
}

/** The categories of this file, in the order run.ts lists them; the faults need root (or CI, which is root). */
export const FILESYSTEM_CATEGORIES: Array<() => Promise<Row>> = [runLinkWrites, runNotRegular, ...(CAN_FAULT ? [runWriteFaults] : [])];
