// The one-time repair of the archive, end to end through the CLI: on the real sample with
// each body defect put into copies and articles stored more than once under drifting ids
// (bench/heal-tree.ts), `validate` reports every defect with its rule; `validate --fix`
// then `dedupe` leave a tree that validates with no error, holds each article link once,
// and whose posts read as before but for the removed defects (markdown-it, CommonMark).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHealTree } from '../bench/heal-tree.js';
import { linkKey } from '../src/post/link.js';
import { lastLineLink } from '../src/write.js';
import { pressclip } from './cli.js';
import { fixture } from './helpers.js';
import { keptBut, render } from './visible-text.js';

/** validate --format json: ESLint's shape, one result per file checked. */
type JsonReport = { filePath: string; messages: { ruleId: string; severity: 1 | 2 }[] }[];

const posts = (root: string) => new Map((readdirSync(path.join(root, 'content'), { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => [`content/${f.split(path.sep).join('/')}`, readFileSync(path.join(root, 'content', f), 'utf8')]));
const bodyOf = (post: string) => post.slice(post.indexOf('\n---\n', 3) + 5, post.lastIndexOf('\n[') + 1);

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

describe('healing an archive: validate, validate --fix, dedupe', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pressclip-heal-'));
  const tree = buildHealTree(root, fixture('archive-sample'));
  const before = posts(root);
  const found = JSON.parse((await pressclip(['validate', '--format', 'json'], { cwd: root })).stdout) as JsonReport;
  const fixed = await pressclip(['validate', '--fix'], { cwd: root });
  const afterFix = posts(root);
  const deduped = await pressclip(['dedupe'], { cwd: root });
  const final = await pressclip(['validate', '--format', 'json'], { cwd: root });
  const after = posts(root);

  it('reports every defect put in, with its rule', () => {
    const rules = new Map(found.map((f) => [path.relative(root, f.filePath), new Set(f.messages.map((m) => m.ruleId))]));
    for (const { file, rule } of tree.injected) expect(rules.get(file)?.has(rule), `${file}: ${rule}`).toBe(true);
    for (const { file } of tree.duplicates.filter((d) => linkKey(lastLineLink(before.get(d.file)!)!) === linkKey(lastLineLink(before.get(d.keep)!)!))) {
      expect(rules.get(file)?.has('duplicate-link'), file).toBe(true);
    }
  });

  it('leaves a tree that validates with no error', () => {
    expect(fixed.code).toBe(1); // the duplicates are still there for dedupe
    expect(deduped.code, deduped.stderr).toBe(0);
    const report = JSON.parse(final.stdout) as JsonReport;
    expect(report.flatMap((f) => f.messages.filter((m) => m.severity === 2).map((m) => `${f.filePath}: ${m.ruleId}`))).toEqual([]);
    expect(final.code).toBe(0);
  });

  it('holds every distinct article link exactly once, the copy the rule keeps', () => {
    const keys = [...after.values()].map((t) => linkKey(lastLineLink(t)!));
    expect(keys.length).toBe(new Set(keys).size);
    expect(new Set(keys)).toEqual(new Set([...before.values()].map((t) => linkKey(lastLineLink(t)!))));
    for (const { keep } of tree.duplicates) expect(after.has(keep), keep).toBe(true);
    expect(before.size - after.size).toBe(tree.duplicates.filter((d) => !after.has(d.file)).length);
  });

  it('keeps the visible text of every post, but for the removed defects', () => {
    const changed: string[] = [];
    for (const [file, text] of after) {
      const was = bodyOf(before.get(file)!);
      const now = bodyOf(text);
      if (was === now) continue;
      changed.push(file);
      const [a, b] = [render(was), render(now)];
      // An image URL left as text is the image's source again: its characters leave the text.
      const restored = b.images.filter((src) => !a.images.includes(src)).join('');
      expect(keptBut(a.text, b.text, removedChars(was, now) + restored), file).toBe(true);
      expect(afterFix.get(file)).toBe(text); // dedupe never edits a post
    }
    expect(changed.length).toBeGreaterThan(50);
  });
});
