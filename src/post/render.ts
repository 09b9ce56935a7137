import { POST_KEYS, escapeValue, type PostFields } from './schema.js';

/** The front matter block, `---` lines included, exactly as the archive writes it. */
export function renderFrontMatter(post: PostFields): string {
  const lines = ['---'];
  for (const spec of POST_KEYS) {
    const value = spec.value(post);
    if (spec.type === 'bool') lines.push(`${spec.key}: ${value ? 'true' : 'false'}`);
    else if (spec.type === 'list') {
      lines.push(`${spec.key}:`);
      for (const item of value as readonly string[]) lines.push(`  - "${escapeValue(item)}"`);
    } else lines.push(`${spec.key}: "${escapeValue(value as string)}"`);
  }
  lines.push('---');
  return lines.join('\n') + '\n';
}

/**
 * A whole post: front matter, a blank line, the Markdown body, a blank line and the
 * source link. An empty body gives `---\n\n\n\n[src](link)\n`, as in the archive.
 */
export function renderPost(post: PostFields, body: string, link: string): string {
  const text = body.replace(/^\n+|\s+$/g, '');
  return `${renderFrontMatter(post)}\n${text}\n\n[${escapeValue(post.category)}](${markdownLink(link)})\n`;
}

/**
 * The link as a Markdown link destination: parentheses and whitespace percent-encoded,
 * since an unbalanced `)` would end the link early (the URL means the same either way).
 */
export const markdownLink = (link: string) => link.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
