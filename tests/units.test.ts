// Small pure parts: decoding, dates, the summary rule, paths, Markdown rules.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../src/decode.js';
import { toArchiveDate } from '../src/date.js';
import { toMarkdown } from '../src/markdown/index.js';
import { md5Id, postPath, resolveUnderContent, sanitizeSegment } from '../src/post/path.js';
import { summarize } from '../src/post/summary.js';
import { linkKey } from '../src/post/link.js';
import { fixture } from './helpers.js';
import { retention } from './markdown-checks.js';

describe('decodeHtml', () => {
  const gbk = readFileSync(fixture('pages/sohu/cwce_33a95b71-b49b-42c1-9c0a-ab8e3feba3cf.html'));
  const utf8DeclaredGb2312 = readFileSync(fixture('pages/163/gne_163_9.html'));

  it('reads real GBK bytes by their <meta> charset as gb18030', () => {
    const d = decodeHtml(gbk);
    expect(d).toMatchObject({ charset: 'gb18030', source: 'meta' });
    expect(d.text).toContain('工商部门初定SKII广告属于虚假宣传');
  });
  it('prefers the HTTP charset', () => {
    expect(decodeHtml(gbk, 'text/html; charset=GB2312')).toMatchObject({ charset: 'gb18030', source: 'http' });
  });
  it('does not garble UTF-8 bytes declared gb2312', () => {
    const d = decodeHtml(utf8DeclaredGb2312);
    expect(d).toMatchObject({ charset: 'utf-8', source: 'sniffed' });
    expect(d.text).toContain('京沪高速无锡至江阴大桥');
  });
  it('reads GBK bytes served as utf-8', () => {
    const d = decodeHtml(gbk, 'text/html; charset=utf-8');
    expect(d.charset).toBe('gb18030');
    expect(d.text).toContain('虚假宣传');
  });
  it('honours a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="gbk"><p>中文</p>')]);
    expect(decodeHtml(bytes).text).toBe('<meta charset="gbk"><p>中文</p>');
  });
  it('reads windows-1252 as browsers do: 0x80-0x9F are punctuation, not control characters', () => {
    // Node 20's one-shot TextDecoder read these bytes as Latin-1 (U+0093...); real pages
    // (cleaneval-dev 4, 34, 41, 58; htmldate's computer-bild, mix1.de) lost their quotes.
    const bytes = Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), Buffer.from([0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x85, 0x20, 0x92]), Buffer.from('</p>')]);
    expect(decodeHtml(bytes).text).toBe('<meta charset="windows-1252"><p>“q” – … ’</p>');
  });
  it('decodes a long page in parts of whole characters that join to the page', () => {
    // Parts keep each string out of V8's large-object space (decode.ts); a character is never cut.
    const page = `<meta charset="utf-8"><p>${'中文 and é '.repeat(20_000)}</p>`;
    const d = decodeHtml(Buffer.from(page));
    expect(d.parts.length).toBeGreaterThan(5);
    expect(d.parts.every((part) => part.length < 65_536 && !/^[\udc00-\udfff]/.test(part))).toBe(true);
    expect(d.text).toBe(page);
    const gbkPage = Buffer.concat([gbk, gbk]);
    const gbkDecoded = decodeHtml(gbkPage);
    expect(gbkDecoded.parts.length).toBeGreaterThan(1);
    expect(gbkDecoded.text).toBe(new TextDecoder('gb18030').decode(gbkPage));
  });
});

describe('toArchiveDate', () => {
  it.each([
    ['2025-02-09 23:38:55', '2025-02-09 23:38:55'],
    ['2025-02-09T15:38:55Z', '2025-02-09 23:38:55'],
    ['2025-02-09T23:38:55+08:00', '2025-02-09 23:38:55'],
    ['2025-02-09T10:38:55-05:00', '2025-02-09 23:38:55'],
    ['2025年02月09日 23:38', '2025-02-09 23:38:00'],
    ['2025/2/9 23:38', '2025-02-09 23:38:00'],
    ['1739115535', '2025-02-09 23:38:55'],
    ['1739115535000', '2025-02-09 23:38:55'],
    ['Sun, 09 Feb 2025 15:38:55 GMT', '2025-02-09 23:38:55'],
  ])('%s', (input, out) => expect(toArchiveDate(input)).toBe(out));
  it('converts a zone-less date of another zone', () => {
    expect(toArchiveDate('2025-07-01 10:00:00', 'America/New_York')).toBe('2025-07-01 22:00:00');
  });
  it('refuses impossible dates', () => {
    expect(toArchiveDate('2025-02-30 10:00:00')).toBeUndefined();
    expect(toArchiveDate('not a date')).toBeUndefined();
  });
});

describe('summarize (ARCHIVE.md section 3, over clean text)', () => {
  const han = (n: number) => '字'.repeat(n);
  it('keeps Chinese under 80 code points whole', () => expect(summarize(han(79), 'zh-CN')).toBe(han(79)));
  it('cuts Chinese at 80 to 50 code points and ...', () => expect(summarize(han(80), 'zh-CN')).toBe(han(50) + '...'));
  it('counts code points, not UTF-16 units', () => expect(summarize('😀'.repeat(80), 'zh-HK')).toBe('😀'.repeat(50) + '...'));
  it('keeps under 50 words whole, else 50 words and ...', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    expect(summarize(words(49), 'en')).toBe(words(49));
    expect(summarize(words(51), 'en')).toBe(words(50) + '...');
  });
  it('folds block boundaries and whitespace runs', () => expect(summarize('\n  a\n\n b\u00a0\u3000c \u200b', 'en')).toBe('a b c'));
  it('gives "" for no text', () => expect(summarize(' \n ', 'zh-CN')).toBe(''));
  it('reads a long text only as far as it needs, and says what the whole text would', () => {
    // The rule applied to the whole text at once, as ARCHIVE.md states it.
    const reference = (text: string, lang: string) => {
      const clean = text.replace(/[\u200b\u2060\ufeff\u180e]/g, '').replace(/\s+/g, ' ').trim();
      if (lang.startsWith('zh')) {
        const points = Array.from(clean);
        return points.length < 80 ? clean : points.slice(0, 50).join('').trimEnd() + '...';
      }
      const words = clean.split(' ');
      return words.length < 50 ? clean : words.slice(0, 50).join(' ') + '...';
    };
    // Words long and short, whitespace runs and invisible code points, astral ones that a cut may split.
    // Sizes around the first window (2,048 code units), where the 50th word or 80th code point may fall on the cut.
    const piece = fc.oneof(
      fc.constantFrom(' ', '\n\n', '\u00a0 ', '\u200b', '😀', '字'),
      fc.string({ minLength: 1, maxLength: 2 }).map((s) => s.repeat(20)),
      fc.string({ minLength: 1, maxLength: 3 }).map((s) => s.repeat(300)),
    );
    // The 50th word cut by the end of the first window.
    const cut = `${'x'.repeat(40)} `.repeat(49) + 'y'.repeat(100) + ' z';
    expect(summarize(cut, 'en')).toBe(reference(cut, 'en'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), fc.constantFrom('en', 'zh-CN'), (pieces, lang) => {
        const text = pieces.join('');
        expect(summarize(text, lang)).toBe(reference(text, lang));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('paths', () => {
  it('builds the archive path', () => expect(postPath('zh-CN', 'qq', '20250209A06L0J')).toBe('content/zh-CN/news/qq/20250209A06L0J.zh-CN.md'));
  it('computes md5(title + date)', () => expect(md5Id('t', '2025-01-01 00:00:00')).toMatch(/^[0-9a-f]{32}$/));
  it('removes the characters the archive removes, and any way out', () => {
    expect(sanitizeSegment('a\\b/c*d?e:f"g<h>i|j')).toBe('abcdefghij');
    expect(sanitizeSegment('../../etc')).toBe('etc');
    expect(() => postPath('en', '..', '..')).toThrow(/no usable file name/);
    expect(() => resolveUnderContent('/site', 'content/../../x.md')).toThrow(/outside/);
  });
  it('keys both Tencent id forms and URL variants alike', () => {
    expect(linkKey('https://new.qq.com/rain/a/20250209A06L0J00')).toBe(linkKey('http://news.qq.com/rain/a/20250209A06L0J'));
    expect(linkKey('https://www.example.com/a/b/')).toBe(linkKey('https://example.com/a/b'));
  });
});

describe('Markdown rules', () => {
  it.each([
    ['<p><strong>内部已经实现了GPT4.5：</strong>我不认为</p>', '**内部已经实现了GPT4.5**：我不认为'],
    ['<p>前文<strong>“引用”</strong>后文</p>', '前文“**引用**”后文'],
    ['<p><strong>标题：</strong></p>', '**标题：**'],
    ['<p><b>a</b><b>b</b> <b><b>x</b></b><strong> </strong>y</p>', '**ab** **x** y'],
    ['<h3><img src="http://x/a.png" alt="图片"></h3><h3> </h3><p>正文</p>', '![图片](http://x/a.png)\n\n正文'],
    ['<p>文字<img src="http://x/y.jpg">为什么</p>', '文字\n\n![](http://x/y.jpg)\n\n为什么'],
    ['<h1>' + '很长的段落'.repeat(20) + '</h1>', '很长的段落'.repeat(20)],
    ['<p>a_b*c 1# [x](y)</p><p># not a title</p>', 'a\\_b\\*c 1# \\[x](y)\n\n\\# not a title'],
    ['<p>中文#标签-[注]。</p>', '中文#标签-[注]。'],
    ['<p>Wow!<a href="http://x/">link</a></p>', 'Wow\\![link](http://x/)'],
    ['<a href="http://x/"><img src="http://i/1.png" alt="a"></a>', '[![a](http://i/1.png)](http://x/)'],
    ['<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><ol start="3"><li>x</li></ol>', '* one\n* two\n  * nested\n\n3. x'],
    ['<blockquote><p>q1</p><p>q2</p></blockquote>', '> q1\n>\n> q2'],
    ['<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2|3</td></tr></table>', '| a | b |\n| --- | --- |\n| 1 | 2\\|3 |'],
    ['<table><tr><td><img src="http://i/1.png"></td></tr><tr><td>说明</td></tr></table>', '![](http://i/1.png)\n\n说明'],
    ['<pre><code class="language-js">a = 1\n\n\n\nb()</code></pre>', '```js\na = 1\n\n\nb()\n```'],
    ['<p>a<br>b</p><p>&nbsp;</p><p>\u3000</p><p>c\u200b</p><hr><p>d</p>', 'a  \nb\n\nc\n\n---\n\nd'],
    ['<p><a href="http://x/"></a>text <a>no target</a></p>', 'text no target'],
    // Cells cut out of their table (a body that was a layout table's cell) are plain blocks.
    ['<tr><td>左</td><td>右</td></tr><td>单元</td>', '左\n\n右\n\n单元'],
    // An image in inline wrappers with whitespace at their edges (MSN's story images) still stands alone.
    ['<p>\n <span class="image">\n<span><img src="http://i/1.png" alt="a"></span>\n</span>\n <span>© Credit</span>  Text.</p>', '![a](http://i/1.png)\n\n© Credit Text.'],
    // So does one in any inline element without syntax: a <picture> (lbv.de, netto.de in htmldate's set), a custom element.
    ['<figure><picture>\n<source srcset="http://i/2.png"><img src="http://i/1.png" alt="a">\n</picture>\n<span>© Credit</span></figure>', '![a](http://i/1.png)\n\n© Credit'],
    ['<p>Text <x-media> <img src="http://i/1.png"> </x-media><sup>1</sup> more.</p>', 'Text\n\n![](http://i/1.png)\n\n1 more.'],
  ])('%s', (html, md) => expect(toMarkdown(html)).toBe(md));
});

describe('the retention measure', () => {
  it('notices lost text', () => {
    expect(retention('一二三四 five six', '一二三四 five six').ratio).toBe(1);
    expect(retention('一二三四 five six', '一二 five').ratio).toBeCloseTo(3 / 6);
  });
});
