// An archive to heal, made from the real sample (ASSEMBLED: real posts, with defects and
// duplicates put in by this file): the 161 posts at their archive paths; copies of qq posts,
// each with one of the archive's body defects (ARCHIVE.md section 4) and a link of its own;
// and articles stored more than once under drifting ids, as the archive has them (the
// Tencent id with and without 00, http and https, www. or not, a tracking parameter, a
// trailing slash, an md5 id where the URL holds one, a later date, a body cut short).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { md5Id } from '../src/post/path.js';

/** Each defect as the archive has it, with the rule that reports it. */
export const DEFECTS: [rule: string, markdown: string][] = [
  ['body-star-run', '**达利欧****观点**，以及****一段加粗****的文字'],
  ['body-empty-image', '![]()'],
  ['body-empty-image', '![]()https://static001.geekbang.org/infoq/fc/fcc602835f7e03bacc241c66aacdb508.png![]()'],
  ['body-glued-image', '![图片](https://inews.gtimg.com/om_bt/OtkUNIv6hyrDRB3yYwjKZdA-Wg7hJs5urTBVkFKU8RHX4AA/641)为什么写这本书'],
  ['body-image-heading', '### \n\n### 图片\n\n### ![图片](https://inews.gtimg.com/om_bt/Ou4r1mELPFe2MM1UCd8muHzJMco5g8eUkJc8u9J6qiTYUAA/641)'],
  ['body-setext-paragraph', '又一家国内EDA公司，向着二级市场前进。\n===================='],
  ['body-heading-paragraph', `##### **【导读】**${'一段被放进标题里的导读文字，说明这篇文章的来龙去脉'.repeat(3)}。`],
  ['body-blank-lines', '以下\n  \n为\n\u00a0\n\n\n\n要点'],
  ['body-zero-width', '以下\u200b为奥特曼\ufeff的发言\u200d\u200d'],
  ['body-lost-link', '原文：[Gitpod Flex, Cloud Development after Kubernetes]()'],
];

export interface SamplePost {
  name: string;
  /** Its path in the archive: content/<lang>/news/<folder>/<id>.<lang>.md. */
  rel: string;
  text: string;
}

/** The sample posts with their archive paths (from PROVENANCE.txt). */
export function samplePosts(sampleDir: string): SamplePost[] {
  const where = new Map(
    readFileSync(path.join(sampleDir, 'PROVENANCE.txt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .map((c) => [c[0], c[3]] as const),
  );
  return readdirSync(sampleDir)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((name) => ({ name, rel: where.get(name)!, text: readFileSync(path.join(sampleDir, name), 'utf8') }));
}

/** The post with Markdown put in as the body's first blocks. */
export const injectDefect = (post: string, markdown: string) => post.replace('\n---\n\n', `\n---\n\n${markdown}\n\n`);

const field = (post: string, key: string) => new RegExp(`^${key}: "(.*)"$`, 'm').exec(post)![1].replace(/\\(["\\])/g, '$1');
const withLink = (post: string, link: string) => post.replace(/\]\([^)\n]*\)\n$/, `](${link})\n`);
const linkOf = (post: string) => /\]\(([^)\n]*)\)\n$/.exec(post)![1];

export interface HealTree {
  /** Each copy with a defect put in, and its rule. */
  injected: { file: string; rule: string }[];
  /** Each extra copy of an article, and the post the rule keeps. */
  duplicates: { file: string; keep: string }[];
}

export function buildHealTree(root: string, sampleDir: string): HealTree {
  const posts = samplePosts(sampleDir);
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  for (const p of posts) write(p.rel, p.text);
  const qq = posts.filter((p) => p.rel.includes('/news/qq/'));
  const injected = DEFECTS.map(([rule, markdown], k) => {
    const carrier = qq[k];
    const id = `2019${path.basename(carrier.rel).slice(4, -'.zh-CN.md'.length - 2)}${String.fromCharCode(65 + k)}Z`;
    const file = `content/zh-CN/news/qq/${id}.zh-CN.md`;
    write(file, withLink(injectDefect(carrier.text, markdown), `https://new.qq.com/rain/a/${id}00`));
    return { file, rule };
  });
  const duplicates: HealTree['duplicates'] = [];
  const copy = (of: SamplePost, file: string, text: string) => {
    write(file, text);
    duplicates.push({ file, keep: of.rel });
  };
  // Tencent: the id with its 00, the link in other forms.
  const qqLinks = (id: string) => [`http://new.qq.com/rain/a/${id}00`, `https://new.qq.com/rain/a/${id}`, `https://new.qq.com/rain/a/${id}00?utm_source=wechat`];
  qq.slice(20, 23).forEach((p, k) => {
    const id = path.basename(p.rel, '.zh-CN.md');
    copy(p, `content/zh-CN/news/qq/${id}00.zh-CN.md`, withLink(p.text, qqLinks(id)[k]));
  });
  // A source with the id in its URL: a copy filed under md5(title + date), www. and http.
  const withUrlId = posts.find((p) => p.rel.includes('/news/wallstreetcn/'))!;
  const urlIdCopy = withLink(withUrlId.text, linkOf(withUrlId.text).replace('https://', 'http://www.'));
  copy(withUrlId, withUrlId.rel.replace(/[^/]+\.zh-CN\.md$/, `${md5Id(field(urlIdCopy, 'title'), field(urlIdCopy, 'date'))}.zh-CN.md`), urlIdCopy);
  // md5 sources: a later crawl (the date a minute on, so another id), and a copy cut short.
  const md5Posts = posts.filter((p) => /\/news\/(mingpao|hkej)\//.test(p.rel));
  const later = md5Posts[0].text.replace(/^date: "(.*):(\d\d)"$/m, (_, head, s) => `date: "${head}:${String((Number(s) + 1) % 60).padStart(2, '0')}"`);
  copy(md5Posts[0], md5Posts[0].rel.replace(/[^/]+(\.zh-HK\.md)$/, `${md5Id(field(later, 'title'), field(later, 'date'))}$1`), withLink(later, linkOf(later).replace(/\/?$/, '/')));
  const short = md5Posts[1].text.replace(/\n\n[^\n]*\n\n(\[[^\]]*\]\([^)]*\)\n)$/, '\n\n$1').replace(/^title: "(.*)"$/m, 'title: "$1（更新）"');
  copy(md5Posts[1], md5Posts[1].rel.replace(/[^/]+(\.zh-HK\.md)$/, `${md5Id(field(short, 'title'), field(short, 'date'))}$1`), short);
  return { injected, duplicates };
}
