// Hugo, the archive's real consumer, builds a site from the archive's own posts and from
// what pressclip writes: every post rendered, with the title, date, summary, category and
// thumbnail the front matter meant. And each mutation that makes Hugo fail, drop a post
// or misread it is one `validate` rejects. `.ci/run` installs Hugo (Debian's package).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { formatInZone } from '../../src/date.js';
import { renderPost } from '../../src/post/render.js';
import { summarize } from '../../src/post/summary.js';
import { postCase } from '../../reliability/properties.js';
import { buildHealTree } from '../../bench/heal-tree.js';
import { pressclip, problemFiles } from '../cli.js';
import { keptBut } from '../visible-text.js';
import { fixture, listFixtures, readFixture } from '../helpers.js';

const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
const HAVE_HUGO = hugo.status === 0;
if (!HAVE_HUGO && process.env.CI) throw new Error('Hugo is not installed: .ci/run installs it with apt-get install -y hugo');

const CONFIG = `baseURL = "https://archive.example/"
title = "pressclip round trip"
timeZone = "Asia/Shanghai"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[params]
  mainSections = ["news"]
[languages]
  [languages.en]
    contentDir = "content/en"
    weight = 1
  [languages.zh-CN]
    contentDir = "content/zh-CN"
    weight = 2
  [languages.zh-HK]
    contentDir = "content/zh-HK"
    weight = 3
`;

// Each language's home page lists every page Hugo rendered, with what it read.
const HOME = `[{{ range $i, $p := .Site.RegularPages }}{{ if $i }},{{ end }}
{{ dict "file" $p.File.Path "title" $p.Title "date" ($p.Date.Format "2006-01-02 15:04:05") "unix" $p.Date.Unix "summary" $p.Params.summary "categories" $p.Params.categories "tags" $p.Params.tags "thumbnail" $p.Params.thumbnail "plain" $p.Plain | jsonify }}{{ end }}
]
`;

interface Rendered {
  file: string;
  title: string;
  date: string;
  unix: number;
  summary: string;
  categories: string[];
  tags: string[];
  thumbnail: string;
  /** The text of the rendered body (goldmark). */
  plain: string;
}

function newSite(): string {
  const site = mkdtempSync(path.join(tmpdir(), 'pressclip-hugo-'));
  writeFileSync(path.join(site, 'config.toml'), CONFIG);
  mkdirSync(path.join(site, 'layouts/_default'), { recursive: true });
  writeFileSync(path.join(site, 'layouts/index.html'), HOME);
  writeFileSync(path.join(site, 'layouts/_default/single.html'), '{{ .Title }}\n{{ .Content }}\n');
  writeFileSync(path.join(site, 'layouts/_default/list.html'), '{{ .Title }}\n');
  for (const lang of ['en', 'zh-CN', 'zh-HK']) mkdirSync(path.join(site, 'content', lang), { recursive: true });
  return site;
}

function build(site: string): { ok: boolean; log: string; pages: Map<string, Rendered> } {
  const run = spawnSync('hugo', ['--source', site, '--destination', path.join(site, 'public')], { encoding: 'utf8' });
  const pages = new Map<string, Rendered>();
  if (run.status === 0) {
    for (const lang of ['en', 'zh-CN', 'zh-HK']) {
      const list = JSON.parse(readFileSync(path.join(site, 'public', lang.toLowerCase(), 'index.html'), 'utf8')) as Rendered[];
      for (const page of list) pages.set(`content/${lang}/${page.file}`, page);
    }
  }
  return { ok: run.status === 0, log: run.stdout + run.stderr, pages };
}

/** Every post file of a site, relative to it. */
function posts(site: string): string[] {
  return (readdirSync(path.join(site, 'content'), { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => `content/${f.split(path.sep).join('/')}`);
}

/** What a post's front matter means, read as Hugo's dialect (YAML 1.1). */
function meaning(text: string): Record<string, unknown> {
  const block = text.slice(4, text.indexOf('\n---\n', 4));
  return parseDocument(block, { version: '1.1' }).toJS() as Record<string, unknown>;
}

/** The archive's paths of the sample posts, from their provenance. */
const archivePaths = new Map(
  readFixture('archive-sample', 'PROVENANCE.txt')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'))
    .map(([name, , , where]) => [name, where] as const),
);

describe.skipIf(!HAVE_HUGO)(`Hugo (${hugo.stdout?.split(' ')[1] ?? 'not installed'}) builds what pressclip writes`, async () => {
  const site = newSite();
  for (const name of listFixtures('archive-sample', '.md')) {
    const to = path.join(site, archivePaths.get(name)!);
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(fixture('archive-sample', name), to);
  }
  const archived = new Set(posts(site));
  const pages = [...listFixtures('tencent/real', '.html').map((n) => fixture('tencent/real', n)), ...listFixtures('tencent/assembled', '.html').filter((n) => n.startsWith('current-')).map((n) => fixture('tencent/assembled', n))];
  // From the site root, so that the paths printed are relative to it; --register: the feeds hold sources the archive lacks.
  const imported = await pressclip(['import', ...pages, '--root', site, '--json'], { cwd: site });
  const fed = await pressclip(['batch', ...listFixtures('feeds', '.json').map((f) => fixture('feeds', f)), '--root', site, '--json', '--register'], { cwd: site });
  const records = (imported.stdout + fed.stdout).trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.status === 'written');
  // Titles and summaries that break naive YAML writers, rendered by pressclip's own renderer.
  const hostile = fc.sample(postCase, { numRuns: 60, seed: 7 }).map((c, i) => {
    const lang = c.source.lang;
    const file = `content/${lang}/news/${c.source.folder}/hostile${i}.${lang}.md`;
    const fields = { title: c.title, date: formatInZone(c.when), summary: summarize(c.body, lang), category: c.source.category, lang, thumbnail: c.thumbnail };
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    const { pathname, search } = new URL(c.link);
    const link = `https://case${i}.example.com${pathname}${search}`; // one article each
    writeFileSync(path.join(site, file), renderPost(fields, 'Body.', link));
    return file;
  });
  const built = build(site);
  const all = posts(site);

  it('imports and converts the fixtures', () => {
    expect(records.length).toBeGreaterThan(700);
    expect(archived.size).toBe(161);
    expect(hostile.length).toBe(60);
  });

  it('builds with no error and no warning', () => {
    expect(built.ok, built.log).toBe(true);
    expect(built.log).not.toMatch(/\b(WARN|ERROR)\b/);
  });

  it('renders every post: none dropped as future or unparsable', () => {
    expect(all.filter((f) => !built.pages.has(f))).toEqual([]);
    expect(built.pages.size).toBe(all.length);
  });

  it("renders each post's title, date, summary, categories and thumbnail as its front matter means", () => {
    const wrong: string[] = [];
    for (const file of all) {
      const meant = meaning(readFileSync(path.join(site, file), 'utf8'));
      const page = built.pages.get(file)!;
      // A date without a zone is Beijing time: the site's timeZone.
      const instant = Date.parse(`${String(meant.date).replace(' ', 'T')}+08:00`) / 1000;
      const got = { title: page.title, date: page.date, unix: page.unix, summary: page.summary, categories: page.categories, tags: page.tags, thumbnail: page.thumbnail };
      const want = { title: meant.title, date: meant.date, unix: instant, summary: meant.summary, categories: meant.categories, tags: meant.tags, thumbnail: meant.thumbnail };
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${file}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('renders what pressclip extracted: its title, date and category', () => {
    for (const r of records) {
      const page = built.pages.get(r.path)!;
      expect({ title: page.title, date: page.date, category: page.categories[0] }, r.path).toEqual({ title: r.title, date: r.date, category: r.category });
    }
  });

  it("is a site validate accepts whole but for the archive's own body defects, which --fix repairs", async () => {
    // The crawler feeds include sources the archive does not carry: the site names them.
    const folders = [...new Set(all.map((f) => f.split('/')[3]))].map((folder) => ({ folder, categories: '*' }));
    writeFileSync(path.join(site, 'pressclip.config.json'), JSON.stringify({ sources: folders }));
    const report = (run: { stdout: string }) => problemFiles(run.stdout, site);
    const before = report(await pressclip(['validate', 'content', '--format', 'json'], { cwd: site }));
    // What pressclip wrote has none; the archive's real posts have only body defects.
    expect(before.filter((f) => !archived.has(f.file)).map((f) => f.file)).toEqual([]);
    expect(before.flatMap((f) => f.messages.map((m) => m.ruleId)).filter((r) => !r.startsWith('body-'))).toEqual([]);
    await pressclip(['validate', 'content', '--fix'], { cwd: site });
    const run = await pressclip(['validate', 'content', '--format', 'json', '--max-warnings', '0'], { cwd: site });
    // Left: the one real post ending in "Title()", a link whose target is lost (a warning, report only).
    expect(report(run).map((f) => [f.file, f.messages.map((m) => m.ruleId)])).toEqual([['content/zh-CN/news/infoq/o0vBzBidAUlWyBltH2yd.zh-CN.md', ['body-empty-parens']]]);
  });
});

const SEED = readFixture('archive-sample', '20250209A06L0J.zh-CN.md');
const SEED_PATH = 'content/zh-CN/news/qq/20250209A06L0J.zh-CN.md';
const MUTANT_PATH = 'content/zh-CN/news/qq/20250209A06L0X.zh-CN.md';

/** Each mutation, what Hugo does with it, and the rule validate rejects it by. */
const MUTATIONS: { name: string; edit: (text: string) => string; hugo: 'fails' | 'drops' | ((page: Rendered) => boolean); rule: string }[] = [
  { name: 'a date that is not a calendar date', edit: (t) => t.replace(/^date: .*$/m, 'date: "2025-02-31 15:26:14"'), hugo: (p) => p.date === '0001-01-01 00:00:00', rule: 'date-invalid' },
  { name: 'a date in the future', edit: (t) => t.replace(/^date: .*$/m, 'date: "2099-01-01 08:00:00"'), hugo: 'drops', rule: 'date-future' },
  { name: 'an unquoted yes as the title', edit: (t) => t.replace(/^title: .*$/m, 'title: yes'), hugo: (p) => p.title === 'true', rule: 'yaml11-boolean' },
  { name: 'an unquoted no as the summary', edit: (t) => t.replace(/^summary: .*$/m, 'summary: no'), hugo: (p) => p.summary === 'false', rule: 'yaml11-boolean' },
  { name: 'a front matter block without its closing line', edit: (t) => t.replace(/\n---\n\n/, '\n\n'), hugo: 'fails', rule: 'yaml-syntax' },
  { name: 'a file that never closes its front matter', edit: (t) => t.replace(/\n---\n[\s\S]*$/, '\n'), hugo: 'fails', rule: 'frontmatter-unclosed' },
  { name: 'an unescaped quote in the title', edit: (t) => t.replace(/^title: "(.*)"$/m, 'title: "$1 "quoted" tail"'), hugo: 'fails', rule: 'yaml-syntax' },
  { name: 'an unquoted ": " in the summary', edit: (t) => t.replace(/^summary: .*$/m, 'summary: note: this breaks'), hugo: 'fails', rule: 'yaml-syntax' },
];

describe.skipIf(!HAVE_HUGO)('Hugo fails on, drops or misreads each mutation validate rejects', () => {
  it.each(MUTATIONS)('$name', async ({ edit, hugo: fate, rule }) => {
    const site = newSite();
    for (const [file, text] of [[SEED_PATH, SEED], [MUTANT_PATH, edit(SEED)]]) {
      mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
      writeFileSync(path.join(site, file), text.replace(/\(https:\/\/new\.qq\.com\/rain\/a\/20250209A06L0J00\)\n$/, file === MUTANT_PATH ? '(https://new.qq.com/rain/a/20250209A06L0X00)\n' : '$&'));
    }
    const built = build(site);
    const page = built.pages.get(MUTANT_PATH);
    if (fate === 'fails') {
      expect(built.ok).toBe(false);
      expect(built.log).toContain('20250209A06L0X.zh-CN.md');
    } else if (fate === 'drops') {
      expect(built.ok).toBe(true);
      expect(built.pages.has(SEED_PATH)).toBe(true);
      expect(page).toBeUndefined();
    } else {
      // Rendered, but not as the text says: a lost date, the word "yes" read as true.
      expect(built.ok).toBe(true);
      expect(fate(page!), JSON.stringify(page)).toBe(true);
      expect(built.pages.get(SEED_PATH)!.date).toBe('2025-02-09 23:38:55');
    }
    const run = await pressclip(['validate', 'content', '--format', 'json', '--max-warnings', '0'], { cwd: site });
    expect(run.code).toBe(1);
    const files = problemFiles(run.stdout, site);
    expect(files.map((f) => f.file)).toEqual([MUTANT_PATH]);
    expect(files[0].messages.map((m) => m.ruleId)).toContain(rule);
  });
});

/** The characters of `before` that `after` has fewer of: what the repairs took out. */
function removedChars(before: string, after: string): string {
  const left = new Map<string, number>();
  for (const c of after) left.set(c, (left.get(c) ?? 0) + 1);
  let removed = '';
  for (const c of before) {
    const n = left.get(c) ?? 0;
    if (n > 0) left.set(c, n - 1);
    else removed += c;
  }
  return removed;
}

describe.skipIf(!HAVE_HUGO)('Hugo builds the archive healed by validate --fix and dedupe', async () => {
  const site = newSite();
  const tree = buildHealTree(site, fixture('archive-sample'));
  const before = build(site);
  const sources = new Map(posts(site).map((f) => [f, readFileSync(path.join(site, f), 'utf8')]));
  await pressclip(['validate', '--fix'], { cwd: site });
  const deduped = await pressclip(['dedupe'], { cwd: site });
  const after = build(site);
  const remaining = posts(site);

  it('builds every post, before and after', () => {
    expect(before.ok, before.log).toBe(true);
    expect(after.ok, after.log).toBe(true);
    expect(deduped.code).toBe(0);
    expect(before.pages.size).toBe(sources.size);
    expect(remaining.filter((f) => !after.pages.has(f))).toEqual([]);
    expect(sources.size - remaining.length).toBeGreaterThanOrEqual(tree.duplicates.length - 1); // the copy with a tracking parameter stays until linkKey drops it
  });

  it("keeps each post's text as goldmark renders it, but for the removed defects", () => {
    const changed: string[] = [];
    for (const file of remaining) {
      const was = sources.get(file)!;
      const now = readFileSync(path.join(site, file), 'utf8');
      if (was === now) continue;
      changed.push(file);
      const text = (page: Rendered) => page.plain.replace(/\s+/g, '');
      // An image URL left as text is the image's source again: its characters leave the text.
      const sourcesOf = (md: string) => [...md.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
      const restored = sourcesOf(now).filter((src) => !sourcesOf(was).includes(src)).join('');
      expect(keptBut(text(before.pages.get(file)!), text(after.pages.get(file)!), removedChars(was, now) + restored), file).toBe(true);
    }
    expect(changed.length).toBeGreaterThan(50);
  });
});
