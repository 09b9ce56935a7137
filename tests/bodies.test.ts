// The generic extractor's bodies on the pages of issue 9 (fixtures/bodies, provenance beside them):
// article text split over containers, leads above the main one, <noscript> articles, teasers,
// accessibility labels and captions, late-loaded images, nested links.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../src/markdown/index.js';
import { bodyFromHtml, buildPostFromBytes, type Post } from '../src/pipeline.js';
import { fixture, MANY_LANGUAGES } from './helpers.js';

const FETCHED = new Date('2026-12-01T00:00:00Z');

function post(file: string, url: string): Post {
  const bytes = readFileSync(fixture('bodies', file));
  return buildPostFromBytes(file.endsWith('.gz') ? gunzipSync(bytes) : bytes, undefined, new URL(url), FETCHED, { registry: MANY_LANGUAGES });
}

/** The body's paragraphs (Markdown lines), for asserting on whole lines. */
const lines = (p: Post) => p.markdown.split('\n').filter((l) => l.trim());

describe('article text split over containers', () => {
  it("keeps both of Wired's div.body__container parts, in order", () => {
    const md = post('wired.com.burn.html.gz', 'https://www.wired.com/story/ai-great-things-burn-planet/').bodyText.replace(/\s+/g, ' ');
    const first = md.indexOf('Last month, researchers at OpenAI in San Francisco');
    const second = md.indexOf('The Department of Energy');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(md).toContain('Etzioni adds that the industry as a whole is gradually waking up');
  });
});

describe('articles split over sibling blocks', () => {
  it('keeps every step of a how-to whose steps sit in wrappers of their own (ehow, readability set)', () => {
    const step = (n: number, text: string) =>
      `<div class="stepContent"><h3>Step ${n}</h3><div class="content"><p>${text}</p></div><figure class="stepThumb"><img src="https://img.example/${n}.jpg" alt="Step ${n}"></figure></div>`;
    const html = Buffer.from(
      '<html><head><title>How to make a terrarium</title></head><body><div class="col-main"><h1>How to make a terrarium</h1>' +
        '<div class="stepContent"><div class="content lead"><p>Glass cloche terrariums are not only appealing to the eye, but they also preserve a bit of nature in your home, and they are simple to make.</p></div><figure class="stepThumb"><img src="https://img.example/0.jpg" alt="A terrarium"></figure></div>' +
        step(1, 'Measure the circumference of your cloche, and cut the foam oasis about an inch smaller, then soak it until it sinks.') +
        step(2, 'Insert your plant into the hole, and press the foam around its roots, so that it stands upright on its own.') +
        step(3, 'Attach the moss with floral pins, covering the foam, the edges, and any gaps, until no foam shows at all.') +
        '</div></body></html>',
    );
    const md = buildPostFromBytes(html, undefined, new URL('https://howto.example.com/terrarium'), FETCHED).markdown;
    expect(md).toContain('Glass cloche terrariums are not only appealing');
    for (const text of ['Measure the circumference', 'Insert your plant', 'Attach the moss']) expect(md).toContain(text);
  });
});

describe('leads above the main container', () => {
  it("keeps CNN's first paragraph (its own wrapper) and first subheading", () => {
    const p = post('edition.cnn.com-royal.html.gz', 'https://edition.cnn.com/2021/03/08/uk/meghan-harry-oprah-interview-recap-scli-gbr-intl/index.html');
    expect(lines(p)[0]).toMatch(/^London \(CNN\)It was the interview that some within Buckingham Palace must have feared/);
    expect(lines(p)).toContain('### Meghan had suicidal thoughts');
    expect(p.markdown).not.toContain('Read More');
  });

  it("keeps the Polish daily's lead box above the text", () => {
    const md = post('wiadomosci.wp.pl-Tusk.html.gz', 'https://wiadomosci.wp.pl/tusk-ujawni-kulisy-rozmow-o-rzadzie-wiemy-co-padnie-na-wiecu-w-jagodnie-jednoznaczny-sygnal-6958809779915264a').bodyText.replace(/\s+/g, ' ');
    const lead = md.indexOf('Politycy opozycji są coraz mocniej poirytowani faktem');
    expect(lead).toBeGreaterThanOrEqual(0);
    expect(md.indexOf('Dzień po wyborach parlamentarnych')).toBeGreaterThan(lead);
  });

  it("keeps the FAZ intro, and its image description out of the summary", () => {
    const p = post('faz.net.streaming.html.gz', 'https://www.faz.net/aktuell/wirtschaft/nutzerbasierte-abrechnung-musik-stars-fordern-neues-streaming-modell-16604622.html');
    expect(p.markdown).toContain('Die Abogebühr eines Nutzers soll nur noch unter den Künstlern verteilt werden');
    expect(p.fields.summary).toMatch(/^Die Abogebühr eines Nutzers/);
  });
});

describe('articles the page holds in <noscript> (assembled page)', () => {
  it('reads the article a script would write', () => {
    const p = post('assembled-noscript-blog.html', 'https://plot17.example.org/2019/11/first-frost');
    expect(p.markdown).toContain('The first frost arrived on Tuesday night');
    expect(p.markdown).toContain('I will be pulling them until February.');
    expect(p.markdown).not.toMatch(/Loading|Archive|Feed/);
  });
});

describe('furniture', () => {
  it('leaves out teasers closed by "READ THE REST", ads among them (assembled page)', () => {
    const p = post('assembled-read-the-rest.html', 'https://pocketwonders.example.org/2019/11/12/lost-umbrellas');
    expect(p.markdown).toContain('Both times, they cried.');
    expect(p.markdown).not.toMatch(/READ THE REST|clockwork|sandcastle|headphones|library cat/i);
  });

  it('leaves out "Mehr lesen: <link>" pointers to other articles', () => {
    const p = post('de.globalvoices.org.nicaragua.html.gz', 'https://de.globalvoices.org/2019/04/30/ein-jahr-voller-proteste-nicaraguaner-wollen-nicht-mehr-nur-den-rucktritt-ortegas-sondern-einen-neuanfang/');
    expect(p.markdown).not.toContain('Mehr lesen');
    expect(p.markdown).toContain('#SOSNicaragua');
  });

  it('leaves a share bar out of a short article (tv.msnbc.com, cleanportaleval)', () => {
    // A post too short for the strict pass's 500 characters is read again without
    // conditional cleaning, which alone would keep the share bar under it.
    const html = Buffer.from(
      '<html><head><title>Watch the message</title></head><body><div id="content" class="hfeed"><h1>Watch the message</h1><div class="entry-content">' +
        '<p>The host took time from preparations for the premiere to send a message to the early risers who talk politics every weekend.</p>' +
        '<p>The viewers are an essential part of what makes the show special, and he knows it, he said.</p>' +
        '<div id="jp-post-flair" class="sharedaddy sd-sharing-enabled"><div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this with friends</h3><ul>' +
        '<li><a href="https://a.example/?share=twitter">Twitter</a></li><li><a href="https://a.example/?share=facebook">Facebook</a></li><li><a href="https://a.example/?share=reddit">Reddit</a></li></ul></div></div>' +
        '</div></div></body></html>',
    );
    const p = buildPostFromBytes(html, undefined, new URL('https://tv.example.com/2013/04/12/watch'), FETCHED);
    expect(lines(p)).toEqual([
      'The host took time from preparations for the premiere to send a message to the early risers who talk politics every weekend.',
      'The viewers are an essential part of what makes the show special, and he knows it, he said.',
    ]);
  });

  it("keeps a list of links to other sites (the bugs a post reports on) and leaves out one to the site's own articles", () => {
    const para = (text: string) => `<p>${text} The team met twice this week, and the notes of both meetings are linked from the wiki, with the agenda for the next one.</p>`;
    const html = Buffer.from(
      '<html><head><title>These weeks in the browser</title></head><body><article><h1>These weeks in the browser</h1>' +
        para('The release went out on Tuesday.') +
        para('Picture-in-picture got a round of fixes.') +
        '<ul><li><a href="https://bugs.example.org/show_bug.cgi?id=1677080">Bug 1677080 - Fullscreen window is affected by switching video source</a></li>' +
        '<li><a href="https://bugs.example.org/show_bug.cgi?id=1677107">Bug 1677107 - Add telemetry for tracking multiple windows</a></li></ul>' +
        para('Printing can now take page ranges.') +
        para('The new tab page is faster.') +
        '<ul><li><a href="/2020/12/01/these-weeks-82/">These weeks in the browser: issue 82</a></li>' +
        '<li><a href="https://blog.example.com/2020/11/17/these-weeks-81/">These weeks in the browser: issue 81</a></li></ul>' +
        '</article></body></html>',
    );
    const md = buildPostFromBytes(html, undefined, new URL('https://blog.example.com/2020/12/15/these-weeks-83/'), FETCHED).markdown;
    expect(md).toContain('[Bug 1677080 - Fullscreen window is affected by switching video source](https://bugs.example.org/show_bug.cgi?id=1677080)');
    expect(md).toContain('Printing can now take page ranges.');
    expect(md).not.toContain('issue 8');
  });

  it('leaves out what the class "hidden" hides, and keeps what a breakpoint shows again (BBC skip links, cleanportaleval)', () => {
    const para = (text: string) => `<p>${text} Rescue workers were still clearing the debris on Friday, and officials said the search would go on through the night.</p>`;
    const html = Buffer.from(
      '<html><head><title>Building collapse</title></head><body><div class="story-body"><h1>Building collapse</h1>' +
        para('At least 72 people have died after a building collapsed near Mumbai.') +
        '<div class="story-feature wide"><a class="hidden" href="#story_continues_1">Continue reading the main story</a><h2>Analysis</h2>' +
        para('Building collapses are common, with poor construction often blamed.') +
        '</div><p id="story_continues_1" class="hidden md:block">The building was being put up illegally, local officials said, and its builder has been arrested.</p>' +
        para('The police have opened an inquiry.') +
        '</div></body></html>',
    );
    const md = buildPostFromBytes(html, undefined, new URL('https://news.example.co.uk/world-asia-india-22036751'), FETCHED).markdown;
    expect(md).not.toContain('Continue reading');
    expect(md).toContain('Building collapses are common');
    expect(md).toContain('The building was being put up illegally');
  });

  it("drops BBC's screen-reader labels and keeps its delayed images, with the summary after the caption", () => {
    const p = post('bbc.com.52241221.html.gz', 'https://www.bbc.com/news/world-us-canada-52241221');
    expect(p.markdown).not.toMatch(/Image copyright|Image caption|Media caption/);
    expect(p.markdown).toContain('![Drone pictures show bodies being buried on New York\'s Hart Island](https://ichef.bbci.co.uk/news/320/cpsprodpb/40B4/production/_111746561_061002826-1.jpg)');
    expect(p.markdown).toContain('About 40 bodies were buried on Thursday');
    expect(p.fields.summary).toMatch(/^Images have emerged of coffins being buried/);
  });
});

describe('images and links', () => {
  it('turns amp-img into images', () => {
    const images = post('blog.amp.dev.axios.html.gz', 'https://blog.amp.dev/2020/04/07/people-behind-the-code-the-axios-ascent/').markdown.match(/!\[[^\]]*\]\(https:\/\/blog\.amp\.dev\/wp-content\/uploads\/[^)]+\)/g);
    expect(images).toHaveLength(5);
  });

  it('takes an image from src when data-src holds a script\'s JSON (MSN)', () => {
    const html = '<p><img data-src="{&quot;default&quot;:{&quot;src&quot;:&quot;//img.example/a.jpg&quot;}}" src="https://img.example/full.jpg" alt="A"> The council voted.</p>';
    expect(bodyFromHtml(html, 'https://news.example.org/a').markdown).toBe('![A](https://img.example/full.jpg)\n\nThe council voted.');
  });

  it('writes a link nested in a link once', () => {
    expect(toMarkdown('<p>See <a href="https://a.example/x"><a href="https://a.example/x">the report</a></a>.</p>')).toBe('See [the report](https://a.example/x).');
  });

  it('leaves figures and captions out of the summary, not out of the body', () => {
    const html = Buffer.from(
      '<html><head><title>T</title></head><body><article><figure><img src="https://a.example/p.jpg"><figcaption>Photo: A. Person / Agency</figcaption></figure>' +
        '<p>The council voted on Monday to keep the library open for another year, after a campaign that gathered eleven thousand signatures in a month.</p>' +
        '<div class="photo-credit">Credit: Agency</div><p>The vote was unanimous, and the mayor said the decision was the easiest of the year.</p></article></body></html>',
    );
    const p = buildPostFromBytes(html, undefined, new URL('https://news.example.org/library'), FETCHED);
    expect(p.markdown).toContain('Photo: A. Person / Agency');
    expect(p.fields.summary).toBe('The council voted on Monday to keep the library open for another year, after a campaign that gathered eleven thousand signatures in a month. The vote was unanimous, and the mayor said the decision was the easiest of the year.');
  });
});
