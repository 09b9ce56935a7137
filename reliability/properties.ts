// Property tests (fast-check) of what a post is made of: front matter that reads back,
// under YAML 1.1, as the archive's escaping rule defines, and that `validate` accepts;
// paths that stay under <root>/content and never put two articles in one file.
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { savePost } from '../src/commands/import.js';
import { formatInZone } from '../src/date.js';
import type { Post } from '../src/pipeline.js';
import { postPath, resolveUnderContent } from '../src/post/path.js';
import { renderPost } from '../src/post/render.js';
import { LANGS, type Lang, type PostFields } from '../src/post/schema.js';
import { summarize } from '../src/post/summary.js';
import { readFrontMatter } from '../src/validate/frontmatter.js';
import { checkPost } from '../src/validate/rules.js';
import { readSource } from '../src/validate/source.js';
import { linkKey } from '../src/post/link.js';
import { ARCHIVE, ARCHIVE_FOLDERS } from '../src/sources.js';
import { ArchiveIndex, lastLineLink } from '../src/write.js';
import { emptyRow, type Row } from './harness.js';

/** The pieces that break naive YAML writers, mixed into arbitrary Unicode. */
const NASTY = ['"', '\\', '\\"', '\n', '\r\n', '\t', '---', '...', ': ', ' #', '# ', '- ', '? ', '|', '>', '{', '}', '[', ']', ',', '&a', '*a', '!!str', '%', '@', '`', "'",
  'yes', 'no', 'on', 'off', 'y', 'n', 'NO', 'True', 'null', '~', '2025-02-09', '0x1F', '1e3', '.inf', '<<',
  '😀', '👩‍👩‍👧', '\u202e', '\u200f', '\u200b', '\ufeff', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\ufffe', '\uffff', '\u2028', '\u2029', '\u00a0', '\ud800', '中文，标点！', 'عربي'];

export const text = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 12 })), { maxLength: 12 }).map((parts) => parts.join(''));

/**
 * The value a string key must read back as: the archive's rule (`\n` `\r` `\t` to a space,
 * then trimmed), after what YAML cannot hold at all is dropped (C0 and C1 controls, NEL
 * among them, and U+FFFE, U+FFFF, which Hugo's YAML reader refuses) or is a line break to it (U+2028, U+2029: spaces), and unpaired surrogates, which
 * UTF-8 cannot hold, become U+FFFD as in the file.
 */
export function meant(value: string): string {
  return Buffer.from(value, 'utf8')
    .toString('utf8')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '')
    .replace(/[\n\r\t\u2028\u2029]/g, ' ')
    .trim();
}

const LINKS = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constant('https://new.qq.com/rain/a/20250209A06L0J00'));
const SOURCES = ARCHIVE_FOLDERS.flatMap((f) => f.langs.map((lang) => ({ folder: f.folder, lang, category: f.categories === '*' ? 'Reuters' : f.categories[0] })));

export const postCase = fc.record({
  title: text.filter((t) => meant(t).length > 0),
  body: text,
  thumbnail: fc.oneof(fc.constant(''), fc.webUrl()),
  link: LINKS,
  when: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
  source: fc.constantFrom(...SOURCES),
  id: fc.stringMatching(/^[0-9a-f]{32}$/),
});

const allowed = ARCHIVE;

export function frontMatterProperty(runs = 1000): Row {
  const row = emptyRow('property: front matter reads back (YAML 1.1)');
  const result = fc.check(
    fc.property(postCase, (c) => {
      row.tried++;
      const fields: PostFields = { title: c.title, date: formatInZone(c.when), summary: summarize(c.body, c.source.lang), category: c.source.category, lang: c.source.lang, thumbnail: c.thumbnail };
      const file = `content/${c.source.lang}/news/${c.source.folder}/${c.id}.${c.source.lang}.md`;
      // What the file holds: written as UTF-8, read back as UTF-8.
      const post = Buffer.from(renderPost(fields, 'Body text.', c.link), 'utf8').toString('utf8');
      const yamlText = post.slice(4, post.indexOf('\n---\n', 4));
      const doc = parseDocument(yamlText, { version: '1.1', uniqueKeys: true });
      if (doc.errors.length) throw new Error(`YAML 1.1 refuses it: ${doc.errors[0].message}`);
      const back = doc.toJS() as Record<string, unknown>;
      for (const [key, value] of [['title', fields.title], ['summary', fields.summary], ['thumbnail', fields.thumbnail], ['date', fields.date]] as const) {
        if (back[key] !== meant(value)) throw new Error(`${key} reads back as ${JSON.stringify(back[key])}, not ${JSON.stringify(meant(value))}`);
      }
      if ((back.categories as string[])[0] !== c.source.category) throw new Error('categories changed');
      if (linkKey(lastLineLink(post) ?? '') !== linkKey(c.link)) throw new Error(`the last line's link reads ${lastLineLink(post)}`);
      const source = readSource(Buffer.from(post));
      const checked = checkPost({ file, ending: source.ending, fm: readFrontMatter(source.head), allowed, now: '2030-01-01 00:00:00' });
      const errors = checked.diagnostics;
      if (errors.length) throw new Error(`validate rejects it: ${errors.map((d) => `${d.rule} ${d.message}`).join('; ')}`);
      row.ok++;
    }),
    { numRuns: runs, seed: 42 },
  );
  note(row, result);
  return row;
}

/** Arbitrary ids and folders: a path under <root>/content, or a clear refusal. */
export function pathProperty(runs = 2000): Row {
  const row = emptyRow('property: post paths stay in content/');
  const root = path.resolve('/site');
  const result = fc.check(
    fc.property(text, text, fc.constantFrom(...LANGS), (folder, id, lang) => {
      row.tried++;
      let relative: string;
      try {
        relative = postPath(lang, folder, id);
      } catch (error) {
        if (!/^no usable file name/.test((error as Error).message)) throw error;
        row.handled++;
        return;
      }
      const full = resolveUnderContent(root, relative);
      if (!full.startsWith(path.join(root, 'content', lang, 'news') + path.sep)) throw new Error(`${relative} leaves the news folder`);
      if (path.basename(full).includes('/') || Buffer.byteLength(path.basename(full)) > 255) throw new Error(`bad file name ${path.basename(full)}`);
      row.ok++;
    }),
    { numRuns: runs, seed: 43 },
  );
  note(row, result);
  return row;
}

/**
 * Several different articles whose ids collide once the archive's characters are removed
 * (or share a long prefix): each is written to its own file, none over another.
 */
export async function collisionProperty(runs = 150): Promise<Row> {
  const row = emptyRow('property: different articles, different files');
  const idBase = fc.oneof(fc.stringMatching(/^[0-9A-Za-z]{1,12}$/), fc.constant('x'.repeat(200)));
  const sameAfterSanitising = fc.tuple(idBase, fc.array(fc.constantFrom('', ':', '*', '?', '"', '<', '>', '|', '\\', '/', 'tail'), { minLength: 2, maxLength: 6 }));
  const result = await fc.check(
    fc.asyncProperty(sameAfterSanitising, async ([base, suffixes]) => {
      const root = mkdtempSync(path.join(tmpdir(), 'pressclip-prop-'));
      try {
        const index = new ArchiveIndex();
        const links = suffixes.map((_, i) => `https://news.example.com/a/${i}`);
        for (const [i, suffix] of suffixes.entries()) {
          row.tried++;
          const id = suffix === 'tail' ? `${base}${i}` : `${base}${suffix}`;
          const post = makePost(postPath('en', 'example', id), links[i]);
          const outcome = await savePost(post, { input: links[i], status: 'failed' }, { root, stdout: false, dryRun: false, force: i % 2 === 1, registry: ARCHIVE }, index);
          if (outcome.status !== 'written') throw new Error(`article ${i} (id ${JSON.stringify(id)}) was ${outcome.status}: ${outcome.error ?? outcome.existing}`);
          row.ok++;
        }
        const folder = path.join(root, 'content/en/news/example');
        const written = readdirSync(folder).map((n) => lastLineLink(readFileSync(path.join(folder, n), 'utf8')));
        if (written.length !== links.length || new Set(written).size !== links.length) throw new Error(`${links.length} articles, ${new Set(written).size} files`);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }),
    { numRuns: runs, seed: 44 },
  );
  note(row, result);
  return row;
}

function makePost(relative: string, link: string): Post {
  const fields: PostFields = { title: 'A title', date: '2024-01-01 00:00:00', summary: '', category: 'example', lang: 'en' as Lang, thumbnail: '' };
  return { path: relative, link, fields, markdown: 'Text.', text: renderPost(fields, 'Text.', link), folder: 'example', id: path.basename(relative, '.en.md'), bodyText: 'Text.', extractor: 'test', warnings: [] };
}

function note<T>(row: Row, result: fc.RunDetails<T>): void {
  if (!result.failed) return;
  row.damaged++;
  row.problems.push(`${row.category}: ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}; counterexample ${JSON.stringify(result.counterexample)} (seed ${result.seed}, path ${result.counterexamplePath})`);
}
