// A synthetic archive of N posts made from the real sample: ids, dates, titles and
// links varied so that every post is distinct and valid (and, when asked, one post in
// so many given one of the archive's body defects, bench/heal-tree.ts).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFECTS, injectDefect, samplePosts } from './heal-tree.js';

export function buildTree(root: string, sampleDir: string, count: number, defectEvery = 0): string {
  const marker = path.join(root, `.tree-${count}-${defectEvery}`);
  if (existsSync(marker)) return root;
  const samples = samplePosts(sampleDir);
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    const { text, rel } = samples[i % samples.length];
    const dir = path.join(root, path.dirname(rel));
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const lang = rel.split('/')[1];
    const tag = i.toString(36).toUpperCase().padStart(5, '0');
    const minutes = i % 50000;
    const varied = text
      .replace(/^title: "(.*)"$/m, (_, t) => `title: "${t} ${i}"`)
      .replace(/^date: "2025-02-(\d\d) (\d\d):(\d\d):(\d\d)"$/m, (_, d, h) => `date: "2024-${String(1 + (minutes % 12)).padStart(2, '0')}-${d > '28' ? '28' : d} ${h}:${String(minutes % 60).padStart(2, '0')}:00"`)
      .replace(/\/rain\/a\/(\d{8}A)[0-9A-Z]{5}00\)\n$/, (_, p) => `/rain/a/${p}${tag}00)\n`)
      .replace(/\]\((https?:\/\/(?!new\.qq\.com)[^)]*)\)\n$/, (_, url) => `](${url}${url.includes('?') ? '&' : '?'}n=${i})\n`);
    // Every defectEvery-th post gets one of the archive's body defects put in, in turn.
    const damaged = defectEvery && i % defectEvery === 0 ? injectDefect(varied, DEFECTS[(i / defectEvery) % DEFECTS.length][1]) : varied;
    writeFileSync(path.join(dir, `${tag}-${i}.${lang}.md`), damaged);
  }
  writeFileSync(marker, '');
  return root;
}
