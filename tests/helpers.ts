import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Registry } from '../src/sources.js';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(ROOT, 'fixtures');
export const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);
export const readFixture = (...parts: string[]) => readFileSync(fixture(...parts), 'utf8');
export const listFixtures = (dir: string, ext: string) =>
  readdirSync(fixture(dir))
    .filter((n) => n.endsWith(ext))
    .sort();

export interface FeedItem {
  title?: string;
  description?: string;
  pub_date?: string;
  link?: string;
  source?: string;
  image?: string;
  kind?: string | number;
  language?: string;
  id?: string;
}

/** Every feed item of fixtures/feeds, with its file. */
export function feedItems(): { file: string; index: number; item: FeedItem }[] {
  const out: { file: string; index: number; item: FeedItem }[] = [];
  for (const file of listFixtures('feeds', '.json')) {
    const data = JSON.parse(readFixture('feeds', file)).data as FeedItem[];
    data.forEach((item, index) => out.push({ file, index, item }));
  }
  return out;
}

/**
 * A site that holds the languages of the saved pages of other languages: extraction tests
 * (titles, dates) look at fields, not at whether the archive would file the page.
 */
export const MANY_LANGUAGES = new Registry({ languages: ['de', 'fr', 'es', 'pt', 'pl', 'it', 'nl', 'ja', 'ko', 'ru'] });
