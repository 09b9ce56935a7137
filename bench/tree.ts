// A synthetic archive of N posts made from the real sample: ids, dates, titles and
// links varied so that every post is distinct and valid.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export function buildTree(root: string, sampleDir: string, count: number): string {
  const marker = path.join(root, `.tree-${count}`);
  if (existsSync(marker)) return root;
  const provenance = new Map(
    readFileSync(path.join(sampleDir, 'PROVENANCE.txt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .map((c) => [c[0], c[3]] as const),
  );
  const samples = readdirSync(sampleDir)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((name) => ({ text: readFileSync(path.join(sampleDir, name), 'utf8'), rel: provenance.get(name)! }));
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
    writeFileSync(path.join(dir, `${tag}-${i}.${lang}.md`), varied);
  }
  writeFileSync(marker, '');
  return root;
}
