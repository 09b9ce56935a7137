// InfoQ China (www.infoq.cn/article/<uuid>, /news/<uuid>), category `infoq`. Its pages are
// rendered client-side, so the article comes from the JSON API SOURCES.md documents [code]:
// POST /public/v1/article/getDetail {"uuid"}. The answer's `content` is HTML, or a
// stringified ProseMirror-like document, turned into HTML here.
import type { SiteAdapter } from '../adapter.js';
import { asText } from '../script-json.js';
import { perPage } from '../per-page.js';
import type { Page } from '../types.js';
import type { Text } from 'domhandler';

const UUID = /^\/(article|news)\/([0-9A-Za-z]{10,})\/?$/;

/** The API answer's `data`, when the "page" is that answer. */
const detail = perPage(function detail(page: Page): Record<string, unknown> | undefined {
  try {
    // An HTML page is no JSON answer: not worth a parse (and its error) to find out. Its
    // first node tells, without joining the page's text (decode.ts).
    const first = page.$.root()[0].children[0];
    const answer = (first?.type === 'text' && /^\s*\{/.test((first as Text).data) ? JSON.parse(page.html) : undefined) as { data?: Record<string, unknown> } | undefined;
    return answer && typeof answer.data === 'object' && answer.data ? answer.data : undefined;
  } catch {
    return undefined;
  }
});

interface PmNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type?: string; attrs?: Record<string, unknown> }[];
  content?: PmNode[];
}

const escapeText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (t: string) => escapeText(t).replace(/"/g, '&quot;');
const attr = (node: PmNode, key: string) => asText(node.attrs?.[key]) ?? '';

/** Inline text with its marks (bold, italic, code, link) as HTML. */
function textHtml(node: PmNode): string {
  let html = escapeText(node.text ?? '');
  for (const mark of node.marks ?? []) {
    if (mark.type === 'bold' || mark.type === 'strong') html = `<strong>${html}</strong>`;
    else if (mark.type === 'italic' || mark.type === 'em') html = `<em>${html}</em>`;
    else if (mark.type === 'code') html = `<code>${html}</code>`;
    else if (mark.type === 'link') html = `<a href="${escapeAttr(asText(mark.attrs?.href) ?? '')}">${html}</a>`;
  }
  return html;
}

/** The document's nodes as HTML; unknown node types keep their children. */
export function proseMirrorHtml(node: PmNode): string {
  const inner = () => (node.content ?? []).map(proseMirrorHtml).join('');
  switch (node.type) {
    case 'text':
      return textHtml(node);
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading':
      return `<h${Math.min(6, Math.max(1, Number(node.attrs?.level) || 2))}>${inner()}</h${Math.min(6, Math.max(1, Number(node.attrs?.level) || 2))}>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'image':
      return `<img src="${escapeAttr(attr(node, 'src'))}" alt="${escapeAttr(attr(node, 'alt'))}">`;
    case 'codeblock':
    case 'code_block':
      return `<pre><code class="language-${escapeAttr(attr(node, 'lang'))}">${(node.content ?? []).map((c) => escapeText(c.text ?? '')).join('')}</code></pre>`;
    case 'link':
      return `<a href="${escapeAttr(attr(node, 'href'))}">${inner()}</a>`;
    case 'bullet_list':
      return `<ul>${inner()}</ul>`;
    case 'ordered_list':
      return `<ol>${inner()}</ol>`;
    case 'list_item':
      return `<li>${inner()}</li>`;
    case 'hard_break':
      return '<br>';
    case 'horizontal_rule':
      return '<hr>';
    default:
      return inner();
  }
}

/** `content` in either form, as HTML. */
function contentHtml(page: Page): string | undefined {
  const content = detail(page)?.content;
  if (typeof content !== 'string' || !content.trim()) return undefined;
  if (!content.trimStart().startsWith('{')) return content;
  try {
    return proseMirrorHtml(JSON.parse(content) as PmNode);
  } catch {
    return undefined;
  }
}

export const infoq: SiteAdapter = {
  name: 'infoq',
  filing: { folder: 'infoq', category: 'infoq', lang: 'zh-CN' },
  hosts: /^(www\.)?infoq\.cn$/,
  fingerprint: (page) => (detail(page)?.article_title !== undefined ? 'an InfoQ getDetail answer (data.article_title)' : undefined),
  api(url) {
    const uuid = UUID.exec(url.pathname)?.[2];
    if (!uuid) return undefined;
    return {
      url: `${url.origin}/public/v1/article/getDetail`,
      method: 'POST',
      headers: { 'content-type': 'application/json', referer: `${url.origin}/article/${uuid}`, origin: url.origin },
      body: JSON.stringify({ uuid }),
    };
  },
  identify(page) {
    const m = UUID.exec(page.url.pathname);
    const uuid = m?.[2] ?? asText(detail(page)?.uuid);
    return uuid ? { link: `https://www.infoq.cn/${m?.[1] ?? 'article'}/${uuid}`, id: uuid } : undefined;
  },
  title: [{ name: 'data.article_title', get: (p) => asText(detail(p)?.article_title) }],
  date: [{ name: 'data.publish_time (epoch ms)', get: (p) => asText(detail(p)?.publish_time) }],
  dateZone: 'Asia/Shanghai',
  cover: [{ name: 'data.article_cover', get: (p) => asText(detail(p)?.article_cover) }],
  body: [{ name: 'data.content (HTML or a ProseMirror document)', html: contentHtml }],
  emptyReason: (page) => (detail(page)?.content_url ? 'the article body is only in data.content_url (a separate JSON file), which pressclip does not fetch' : undefined),
};
