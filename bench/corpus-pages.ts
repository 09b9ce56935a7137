// The pages of the corpus bench: the extraction sets and the Zyte set (extraction.ts reads
// them), the saved pages of ../shared/data/pages, and the project's Tencent fixtures.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadSet } from './extraction.js';

export interface CorpusPage {
  file: string;
  gzipped: boolean;
  /** The page's own URL where known; else the pipeline reads the one the page names. */
  url: string | null;
}

export const CORPUS_SETS = ['fixtures', 'saved-pages', 'readability', 'dragnet', 'cleaneval-dev', 'cleanportaleval', 'htmldate-default', 'zyte'] as const;

function htmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? htmlFiles(file) : name.endsWith('.html') ? [file] : [];
    });
}

/** A set's pages, or [] where the set is absent. */
export function corpusPages(root: string, set: string): CorpusPage[] {
  if (set === 'fixtures') {
    // The real Tencent pages and the assembled ones of the current template (labelled so in their folder).
    const tencent = path.join(root, 'fixtures/tencent');
    const files = [...htmlFiles(path.join(tencent, 'real')), ...htmlFiles(path.join(tencent, 'assembled')).filter((f) => path.basename(f).startsWith('current-'))];
    return files.map((file) => ({ file, gzipped: false, url: null }));
  }
  if (set === 'saved-pages') return htmlFiles(path.resolve(root, '../shared/data/pages')).map((file) => ({ file, gzipped: false, url: null }));
  return (loadSet(root, set) ?? []).map((p) => ({ file: p.file, gzipped: true, url: p.url }));
}
