// The Tencent News adapter on real old-template pages and on assembled current-template
// pages (fixtures/tencent/assembled/PROVENANCE.txt), with the generic fallback off.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseQqId, qqIdFromUrl, tencent } from '../src/extract/adapters/tencent.js';
import { ExtractError } from '../src/extract/types.js';
import { buildPost } from '../src/pipeline.js';
import { fixture, listFixtures, readFixture } from './helpers.js';

const FETCHED = new Date('2026-09-01T00:00:00Z');
const offline = (file: string, url = 'http://127.0.0.1:9/saved') =>
  buildPost({ html: readFileSync(file, 'utf8'), url: new URL(url), fetchedAt: FETCHED }, { genericFallback: false, adapters: [tencent] });

const cases = [
  ...listFixtures('tencent/real', '.html').map((n) => ['real', n] as const),
  ...listFixtures('tencent/assembled', '.html')
    .filter((n) => n.startsWith('current-'))
    .map((n) => ['assembled', n] as const),
];

describe('Tencent pages to posts, whole', () => {
  it.each(cases)('%s/%s', (dir, name) => {
    const post = offline(fixture('tencent', dir, name));
    expect(post.extracted.extractor).toBe('tencent');
    expect(post.extracted.reason).toMatch(/^page fingerprint/);
    expect(post.text).toBe(readFixture('tencent', 'expected', name.replace(/\.html$/, '.md')));
  });

  it('files each post under qq with the id without its 00', () => {
    expect(offline(fixture('tencent/real/raw_rain_20201130A0G1JJ00.html')).path).toBe('content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md');
    expect(offline(fixture('tencent/real/gne_qq_20190907A081B0.html')).link).toBe('https://new.qq.com/rain/a/20190907A081B000');
  });

  it('reads the body from originContent when the DOM has none, resolving <!--IMG_n-->', () => {
    const post = offline(fixture('tencent/assembled/current-origincontent-20260820A05RG500.html'));
    expect(post.extracted.body.via).toBe('window.DATA.originContent');
    expect(post.markdown).toContain('![](https://inews.gtimg.com/om_bt/OU0QH4qHzJwET585foW-FZbXkEYe1d0LyUvxk_kvTEHFUAA/641)');
    expect(post.markdown).not.toMatch(/IMG_\d/);
  });

  it('drops the platform disclaimer and the video widget text', () => {
    const post = offline(fixture('tencent/assembled/current-dom-noise-20260823A000QM00.html'));
    expect(post.text).not.toContain('免责声明');
    expect(post.text).not.toContain('按住画面移动小窗');
  });

  it.each([
    ['paywalled-20260820A05WEU00.html', /paywalled/],
    ['video-only-20260820V0367U00.html', /video-only/],
  ])('refuses %s with its reason', (name, reason) => {
    expect(() => offline(fixture('tencent/assembled', name))).toThrow(ExtractError);
    expect(() => offline(fixture('tencent/assembled', name))).toThrow(reason);
  });

  it('refuses a Tencent page whose body is gone', () => {
    const real = readFixture('tencent/real/raw_rain_20201130A0G1JJ00.html');
    const empty = real.replace(/<div class="content-article">[\s\S]*?<div id="Status"><\/div>/, '<div class="content-article"><p> </p><div id="Status"></div>');
    expect(empty).not.toBe(real);
    expect(() => buildPost({ html: empty, url: new URL('https://new.qq.com/rain/a/20201130A0G1JJ00'), fetchedAt: FETCHED }, { genericFallback: false })).toThrow(/no article body/);
  });
});

describe('Tencent URL forms', () => {
  it.each([
    ['https://new.qq.com/rain/a/20250209A06L0J00', '20250209A06L0J00'],
    ['https://news.qq.com/rain/a/20250209A06L0J00?from=timeline&isappinstalled=0', '20250209A06L0J00'],
    ['https://view.inews.qq.com/a/20250209A06L0J00', '20250209A06L0J00'],
    ['https://new.qq.com/omn/20190907/20190907A081B0.html', '20190907A081B000'],
    ['https://new.qq.com/omn/TWF20200/TWF2020041300303000.html', 'TWF2020041300303000'],
    ['https://new.qq.com/rain/a/20250209a06l0j', '20250209A06L0J00'],
  ])('%s', (url, id) => expect(qqIdFromUrl(new URL(url))).toBe(id));

  it('ignores what is not an article id', () => {
    expect(qqIdFromUrl(new URL('https://new.qq.com/ch/tech/'))).toBeUndefined();
    expect(qqIdFromUrl(new URL('https://example.com/rain/a/20250209A06L0J00'))).toBeUndefined();
    expect(normaliseQqId('../../etc')).toBeUndefined();
  });

  it('fetches the desktop page for a mobile share URL', () => {
    expect(tencent.fetchUrl!(new URL('https://view.inews.qq.com/a/20250209A06L0J00'))).toBe('https://news.qq.com/rain/a/20250209A06L0J00');
  });
});
