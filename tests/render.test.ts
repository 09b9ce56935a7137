// Rendering the front-matter values of every real archive post gives back its bytes.
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { renderFrontMatter, renderPost } from '../src/post/render.js';
import { escapeValue, LANGS, type Lang, type PostFields } from '../src/post/schema.js';
import { listFixtures, readFixture } from './helpers.js';

const posts = listFixtures('archive-sample', '.md');

function fieldsOf(text: string): { fields: PostFields; body: string; link: string } {
  const parsed = matter(text);
  const d = parsed.data as Record<string, unknown>;
  const lang = (d.lang as string[])[0] as Lang;
  const lines = parsed.content.replace(/\n$/, '').split('\n');
  const link = /^\[[^\]]*\]\((.*)\)$/.exec(lines.at(-1)!)![1];
  return {
    fields: {
      title: d.title as string,
      date: d.date as string,
      summary: d.summary as string,
      category: (d.categories as string[])[0],
      lang,
      thumbnail: d.thumbnail as string,
    },
    body: lines.slice(0, -1).join('\n'),
    link,
  };
}

describe('renderPost over the real archive sample', () => {
  it('has the sample', () => expect(posts.length).toBeGreaterThan(150));

  it.each(posts)('%s: front matter byte-for-byte', (name) => {
    const text = readFixture('archive-sample', name);
    const { fields } = fieldsOf(text);
    expect(LANGS).toContain(fields.lang);
    const block = text.slice(0, text.indexOf('\n---\n', 4) + 5);
    expect(renderFrontMatter(fields)).toBe(block);
  });

  it.each(posts)('%s: whole post byte-for-byte', (name) => {
    const text = readFixture('archive-sample', name);
    const { fields, body, link } = fieldsOf(text);
    expect(renderPost(fields, body, link)).toBe(text);
  });
});

describe('escapeValue', () => {
  it('follows the archive rule', () => {
    expect(escapeValue(' a "b" \\c\nd\re\tf ')).toBe('a \\"b\\" \\\\c d e f');
  });
  it('drops what YAML cannot carry', () => {
    expect(escapeValue('a\u0000b\u0007c\u2028d')).toBe('abc d');
  });
  it('renders an empty body as the archive does', () => {
    const fields: PostFields = { title: 't', date: '2025-01-01 00:00:00', summary: '', category: 'qq', lang: 'zh-CN', thumbnail: '' };
    expect(renderPost(fields, '', 'https://x/y').endsWith('---\n\n\n\n[qq](https://x/y)\n')).toBe(true);
  });
});
