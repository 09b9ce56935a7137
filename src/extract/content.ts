// The generic extractor's main-content finder. The approach of Readability (score the
// paragraphs, credit their ancestors, take the best container and the siblings that read
// like it, then drop the blocks inside that look like furniture), done in passes over
// domhandler nodes with every measure computed once, and with page furniture recognised
// by its class, id, role and tag before anything is scored.
import { Element, type AnyNode, type ParentNode } from 'domhandler';
import { relink } from '../parse.js';

/** Class or id words of what is never the article (unless a word below says it may be). */
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|newsletter|subscribe|recirc|promo|outbrain|taboola|trending|most-?popular|cookie|consent|signup|paywall|modal|toolbar|byline|author-?bio|tags?-?list|topics/i;
/** Readers' comments and replies: never the article, even when the article is short. */
const READERS = /comment(?!ary)|disqus|replies|(?:^|\s)respond(?:\s|$)/i;
const MAYBE = /and|article|body|column|content|main|mathjax|shadow|story|entry|post/i;
const NEGATIVE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|caption|credit|byline|author|newsletter|subscribe|recommend/i;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
/** Never the article. (Not <head>: a page without <body> leaves its content in the <head> htmlparser2 builds.) */
const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'title', 'nav', 'aside', 'footer', 'button', 'select', 'input', 'textarea', 'iframe', 'object', 'embed', 'dialog', 'menu']);
const DROP_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog', 'banner', 'contentinfo', 'search']);
const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'dl', 'div', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'li', 'nav']);
const UNIT_TAGS = new Set(['p', 'pre', 'td', 'blockquote', 'section', 'h2', 'h3', 'h4', 'h5', 'h6']);
const KEEP_TAGS = new Set(['body', 'article', 'main']);
const HEADINGS = /^h[1-6]$/;
/** The blocks Readability cleans conditionally (forms among them: a search box is no article). */
const CONDITIONAL_TAGS = new Set(['table', 'ul', 'ol', 'div', 'section', 'form', 'fieldset']);
/** The blocks a teaser comes in. */
const TEASER_TAGS = new Set(['div', 'section', 'article', 'li', 'p', 'blockquote']);
/** The whole text of an ad slot or a loading placeholder (Readability's adWords and loadingWords). */
const PLACEHOLDER_TEXT = /^\s*(?:ad(?:vertising|vertisement)?|pub(?:licité)?|werb(?:ung)?|anzeige|广告|Реклама|anuncio|publicidad|loading|正在加载|Загрузка|chargement|cargando)(?:…|\.\.\.)?\s*$/iu;

interface Measure {
  /** Visible characters (a Han character counts twice: it carries about a word). */
  text: number;
  /** Of those, inside links. */
  links: number;
  commas: number;
  paragraphs: number;
  images: number;
  items: number;
  inputs: number;
  embeds: number;
  /** Holds block-level children (a div without any reads like a paragraph). */
  hasBlocks: boolean;
  /** Text outside its block children: text lines between `<br>`s, say. */
  own: number;
  ownCommas: number;
  /** Of the text, inside headings. */
  headings: number;
}

const classWords = (el: Element) => `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;

function classWeight(el: Element): number {
  const words = classWords(el);
  let weight = 0;
  if (el.attribs.class && NEGATIVE.test(el.attribs.class)) weight -= 25;
  if (el.attribs.class && POSITIVE.test(el.attribs.class)) weight += 25;
  if (el.attribs.id && NEGATIVE.test(el.attribs.id)) weight -= 25;
  if (el.attribs.id && POSITIVE.test(el.attribs.id)) weight += 25;
  return words.trim() ? weight : 0;
}

/**
 * How strictly furniture is recognised: `strict` also leaves out unlikely class names,
 * `relaxed` keeps them, `noscript` also reads what the page shows without scripts.
 */
type Pass = 'strict' | 'relaxed' | 'noscript';

/** Accessibility-only labels ("Image copyright", "Media caption" read to screen readers): never shown. */
const VISUALLY_HIDDEN = /(?:^|\s)(?:sr-only|screen-reader-(?:text|only)|visually-?hidden|off-?screen|element-invisible|a11y-hidden|hidden-visually|u-hidden-visually)(?:\s|$)/i;

/**
 * The class every CSS framework hides with (`.hidden {display: none}`: Bootstrap, HTML5
 * Boilerplate, Tailwind), unless a breakpoint variant shows it again (Tailwind's
 * `hidden md:block`: hidden on phones only).
 */
const hiddenByClass = (classes: string) => /(?:^|\s)hidden(?:\s|$)/i.test(classes) && !/(?:^|\s)[\w-]+:(?:block|inline|flex|grid|table|contents|inline-\w+)(?:\s|$)/.test(classes);

/** Furniture recognised before scoring: hidden, a furniture tag or role, an unlikely class (when strict). */
function isFurniture(el: Element, pass: Pass): boolean {
  if (el.name === 'noscript') return pass !== 'noscript';
  // An <aside> holding the page's <h1> is the article in a misused element, not a sidebar.
  if (DROP.has(el.name)) return !(el.name === 'aside' && descendants(el).some((d) => d.name === 'h1'));
  const a = el.attribs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true' || /display:\s*none|visibility:\s*hidden/i.test(a.style ?? '')) return true;
  if (a.role && DROP_ROLES.has(a.role)) return true;
  if (a.class && (VISUALLY_HIDDEN.test(a.class) || hiddenByClass(a.class))) return true;
  if (KEEP_TAGS.has(el.name)) return false;
  const words = classWords(el);
  // Readers' comments stay out even of the relaxed pass: a short article with a long
  // thread under it is still the short article.
  if (READERS.test(words)) return true;
  if (pass !== 'strict') return false;
  return UNLIKELY.test(words) && !MAYBE.test(words);
}

/** An image, also one loaded late: amp-img, or a placeholder without text holding its address in data-src. */
const isPicture = (el: Element, m: Measure) => el.name === 'img' || el.name === 'amp-img' || (el.attribs?.['data-src'] !== undefined && m.text === 0 && m.images === 0);

function weightOf(code: number): number {
  if (code <= 32 || code === 0xa0 || code === 0x3000) return 0;
  return code >= 0x3400 && code <= 0x9fff ? 2 : 1;
}

/** One post-order pass: every kept element's measures; furniture is left out of all of them. */
/** What a walk left out for its pass's own reasons: another pass would see more. */
interface PassNotes {
  /** Left out for an unlikely class name (the strict pass only). */
  unlikely: boolean;
  /** Met a <noscript>. */
  noscript: boolean;
}

function measureAll(root: Element, skipped: Set<Element>, pass: Pass, notes: PassNotes = { unlikely: false, noscript: false }): Map<Element, Measure> {
  const out = new Map<Element, Measure>();
  // Two stacks rather than one of [element, visited] pairs: a pair per element was garbage.
  const stack: Element[] = [root];
  const visits: boolean[] = [false];
  while (stack.length) {
    const el = stack.pop()!;
    const visited = visits.pop()!;
    if (!visited) {
      stack.push(el);
      visits.push(true);
      for (const child of el.children) {
        if (child.type !== 'tag') continue;
        const c = child as Element;
        if (c === root || !isFurniture(c, pass)) {
          stack.push(c);
          visits.push(false);
          continue;
        }
        skipped.add(c);
        if (c.name === 'noscript') notes.noscript = true;
        else if (pass === 'strict' && !isFurniture(c, 'relaxed')) notes.unlikely = true;
      }
      continue;
    }
    const m: Measure = { text: 0, links: 0, commas: 0, paragraphs: 0, images: 0, items: 0, inputs: 0, embeds: 0, hasBlocks: false, own: 0, ownCommas: 0, headings: 0 };
    for (const child of el.children) {
      if (child.type === 'text') {
        const data = (child as unknown as { data: string }).data;
        for (let i = 0; i < data.length; i++) {
          const code = data.charCodeAt(i);
          const w = weightOf(code);
          m.text += w;
          m.own += w;
          if (code === 44 || code === 0xff0c || code === 0x3001) {
            m.commas++;
            m.ownCommas++;
          }
        }
      } else if (child.type === 'tag') {
        const c = out.get(child as Element);
        if (!c) continue;
        if (!BLOCKS.has((child as Element).name)) {
          m.own += c.text - c.links;
          m.ownCommas += c.commas;
        }
        m.text += c.text;
        m.links += c.links;
        m.commas += c.commas;
        m.paragraphs += c.paragraphs;
        m.images += c.images;
        m.items += c.items;
        m.inputs += c.inputs;
        m.embeds += c.embeds;
        m.headings += c.headings;
        if (BLOCKS.has((child as Element).name)) m.hasBlocks = true;
      }
    }
    if (el.name === 'a') m.links = m.text;
    if (HEADINGS.test(el.name)) m.headings = m.text;
    else if (el.name === 'p') m.paragraphs++;
    // A div of text alone is a paragraph (Readability rewrites such divs as <p>).
    else if (el.name === 'div' && !m.hasBlocks && m.images === 0 && m.text > 0) m.paragraphs++;
    else if (m.hasBlocks && m.own >= 25 && el.name !== 'li') m.paragraphs++;
    else if (isPicture(el, m)) m.images++;
    else if (el.name === 'li') m.items++;
    else if (el.name === 'input') m.inputs++;
    else if (el.name === 'video' || el.name === 'audio') m.embeds++;
    out.set(el, m);
  }
  return out;
}

const linkDensity = (m: Measure | undefined) => (m && m.text ? m.links / m.text : 0);

function initialScore(el: Element): number {
  let base = 0;
  switch (el.name) {
    case 'div':
    case 'article':
    case 'main':
      base = 5;
      break;
    case 'pre':
    case 'td':
    case 'blockquote':
      base = 3;
      break;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      base = -3;
      break;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      base = -5;
      break;
  }
  return base + classWeight(el);
}

/** A paragraph-like element: a unit tag, or a div (or span) holding no blocks. */
const isUnit = (el: Element, m: Measure) => UNIT_TAGS.has(el.name) || ((el.name === 'div' || el.name === 'section') && !m.hasBlocks);

export interface Content {
  /** A new element holding the article's nodes (moved out of the page). */
  root: Element;
  /** How the container was found, for inspect. */
  via: string;
}

interface Analysis {
  top: Element;
  topScore: number;
  picked: AnyNode[];
  measures: Map<Element, Measure>;
  scores: Map<Element, number>;
  skipped: Set<Element>;
  protectedEls: Set<Element>;
}

/** Below this much text, a strict pass probably threw the article out with the furniture. */
const ENOUGH_TEXT = 500;

/**
 * The article's main content, or undefined when no paragraph text is found at all. As
 * Readability does, a first pass leaves out whatever has a furniture-like class; when
 * that leaves too little, a second pass keeps it (sites name article wrappers "ad-margins").
 */
export function findContent(body: Element, page?: URL): Content | undefined {
  // Readability's retries: strict, then keeping furniture-like classes, then without the
  // conditional cleaning; the first that keeps enough text wins, else the one keeping most.
  // Last, a page whose scripts write the article may hold it in <noscript>.
  const notes: PassNotes = { unlikely: false, noscript: false };
  const passes = new Map<Pass, Analysis | undefined>([['strict', analyse(body, 'strict', notes)]]);
  // Without a class-name skip, the relaxed pass would see what the strict one saw.
  if (!notes.unlikely) passes.set('relaxed', passes.get('strict'));
  let best: { found: Analysis; remove: Set<Element>; text: number; pass: Pass } | undefined;
  const attempts: Array<[Pass, boolean]> = [['strict', true], ['relaxed', true], ['relaxed', false], ['noscript', true]];
  for (const [pass, conditional] of attempts) {
    if (pass === 'relaxed' && conditional && passes.get('relaxed') === passes.get('strict')) continue;
    if (pass === 'noscript' && !notes.noscript) break;
    if (!passes.has(pass)) passes.set(pass, analyse(body, pass, notes));
    const found = passes.get(pass);
    if (!found) continue;
    const { remove, text } = furnitureIn(found, conditional, page);
    // What scripts replace wins only by far: a "please enable JavaScript" line is no article.
    const better = !best || (pass === 'noscript' ? text > 2 * best.text + 100 : text > best.text);
    if (better) best = { found, remove, text, pass };
    if (text >= ENOUGH_TEXT) break;
  }
  // Nothing kept (a photo post under a sidebar of link lists): the page as a reader shows it.
  if (!best || (best.text === 0 && !best.found.picked.some((n) => (best!.found.measures.get(n as Element)?.images ?? 0) > 0))) return wholeContainer(body);
  const { top, topScore, picked } = best.found;
  const root = new Element('div', {}, []);
  for (const node of picked) {
    detach(node);
    root.children.push(node);
  }
  relink(root);
  removeAll(best.remove);
  if (best.pass === 'noscript') for (const el of descendants(root)) if (el.name === 'noscript') unwrap(el);
  return { root, via: `highest-scoring container <${top.name}${top.attribs.class ? ` class="${top.attribs.class}"` : ''}${top.attribs.id ? ` id="${top.attribs.id}"` : ''}> (score ${topScore.toFixed(1)})` };
}

/**
 * A page without one paragraph long enough to score (a photo post, a short note, a page
 * of short lines) is still a page every reader shows: its article container (schema.org
 * articleBody, the only <article>, <main>) or else its body, without the furniture.
 */
export function wholeContainer(body: Element): Content | undefined {
  const all = descendants(body);
  const only = (test: (el: Element) => boolean) => {
    const found = all.filter(test);
    return found.length === 1 ? found[0] : undefined;
  };
  const candidates = [only((el) => el.attribs?.itemprop === 'articleBody'), only((el) => el.name === 'article'), only((el) => el.name === 'main'), body];
  for (const container of candidates) {
    if (!container) continue;
    const skipped = new Set<Element>();
    const measures = measureAll(container, skipped, 'relaxed');
    if (!measures.get(container)?.text && !measures.get(container)?.images) continue;
    const picked = [...container.children];
    const { remove } = furnitureIn({ picked, measures, scores: new Map(), skipped, protectedEls: new Set() }, false);
    const root = new Element('div', {}, []);
    for (const node of picked) {
      detach(node);
      root.children.push(node);
    }
    relink(root);
    removeAll(remove);
    return { root, via: `no paragraph scored: the whole <${container.name}>` };
  }
  return undefined;
}

/** The element replaced by its children. */
function unwrap(el: Element): void {
  const parent = el.parent as ParentNode;
  parent.children.splice(parent.children.indexOf(el), 1, ...el.children);
  relink(parent);
}

function descendants(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) if (el.children[i].type === 'tag') stack.push(el.children[i] as Element);
  }
  return out;
}

function analyse(body: Element, pass: Pass, notes: PassNotes): Analysis | undefined {
  const skipped = new Set<Element>();
  const measures = measureAll(body, skipped, pass, notes);
  const scores = new Map<Element, number>();
  const direct = new Map<Element, number>();
  for (const [el, m] of measures) {
    // A unit scores for its ancestors; text lines of a container with blocks score as a
    // paragraph of its own, as if wrapped in <p> (Readability wraps them).
    const unit = isUnit(el, m);
    const text = unit ? m.text : m.own;
    if (text < 25 || (!unit && (!m.hasBlocks || el.name === 'li' || el.name === 'a'))) continue;
    const commas = unit ? m.commas : m.ownCommas;
    const score = 1 + commas + Math.min(Math.floor(text / 100), 3);
    const holder = unit ? el.parent : el;
    if (holder?.type === 'tag') direct.set(holder as Element, (direct.get(holder as Element) ?? 0) + text * (unit ? 1 - linkDensity(m) : 1));
    let ancestor: ParentNode | null = holder;
    for (let level = 0; level < 5 && ancestor && ancestor.type === 'tag'; level++) {
      const a = ancestor as Element;
      if (!scores.has(a)) scores.set(a, initialScore(a));
      scores.set(a, scores.get(a)! + score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
      ancestor = a.parent;
    }
  }
  let top: Element | undefined;
  let topScore = -Infinity;
  for (const [el, s] of scores) {
    const final = s * (1 - linkDensity(measures.get(el)));
    scores.set(el, final);
    if (final > topScore) [top, topScore] = [el, final];
  }
  if (!top) return undefined;
  // Runners-up near the best make their shared ancestor the article, unless the page
  // marks its article body apart from the best (below): markup goes before scores.
  const marked = markedBody(measures);
  const markedApart = marked && marked !== top && !contains(marked, top) && !contains(top, marked);
  const shared = markedApart ? undefined : sharedAncestor(top, topScore, scores, measures, body);
  if (shared) [top, topScore] = [shared, scores.get(shared) ?? initialScore(shared)];
  // A wrapper whose own class words scored it high but whose text is mostly one inner
  // block's (plus link lists) gives way to that block: the article is the block.
  const plain = (e: Element) => (measures.get(e)?.text ?? 0) * (1 - linkDensity(measures.get(e)));
  let inner: Element | undefined;
  let innerScore = -Infinity;
  for (const [el, sc] of scores) {
    if (el === top || sc <= innerScore || plain(el) < 0.6 * plain(top) || !contains(top, el)) continue;
    [inner, innerScore] = [el, sc];
  }
  if (inner) [top, topScore] = [inner, innerScore];
  // The page's own mark for its article body beats a scored block outside it: a short
  // post loses on paragraph score to a sidebar, never on its markup.
  if (marked && marked !== top && !contains(marked, top) && !contains(top, marked)) [top, topScore] = [marked, Math.max(scores.get(marked) ?? 0, 0)];
  // A container that is its parent's only content stands for the parent (and its siblings).
  while (top.parent && top.parent.type === 'tag' && top.parent !== body && (top.parent as Element).children.filter((c) => c.type === 'tag' && !skipped.has(c as Element)).length === 1) {
    top = top.parent as Element;
  }
  const flowing = new Set<Element>();
  const picked = withParts(withSiblings(top, topScore, scores, measures, skipped, flowing), top, measures);
  // The element with the most paragraph text of its own: nothing holding it is pruned.
  let core: Element | undefined;
  let most = 0;
  for (const [el, t] of direct) if (t > most && (el === top || contains(top, el))) [core, most] = [el, t];
  // The chosen container is never removed whole (what is in it still may be), and siblings
  // taken as the text flows read as prose: a class word ("media") does not undo that.
  const protectedEls = new Set<Element>([top, ...flowing]);
  for (let e: ParentNode | null = core ?? null; e && e.type === 'tag'; e = e.parent) protectedEls.add(e as Element);
  return { top, topScore, picked, measures, scores, skipped, protectedEls };
}

/**
 * The ancestor of the best container that also holds most of the runners-up (Readability's
 * alternative candidates): at least three of the next four blocks apart from it (neither
 * holding it nor inside it) scoring at least 3/4 of the best means the article is split over
 * sibling blocks (steps, sections), and the block holding them is the article.
 */
function sharedAncestor(top: Element, topScore: number, scores: Map<Element, number>, measures: Map<Element, Measure>, body: Element): Element | undefined {
  // A teaser's score is mostly its class words: a runner-up holds a paragraph's text.
  const close = [...scores]
    .filter(([el, sc]) => sc >= 0.75 * topScore && el !== top && (measures.get(el)?.text ?? 0) >= 80 && !contains(el, top) && !contains(top, el))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([el]) => el);
  if (close.length < 3) return undefined;
  for (let p = top.parent; p && p.type === 'tag' && p !== body; p = p.parent) {
    if (close.filter((el) => contains(p as Element, el)).length >= 3) return p as Element;
  }
  return undefined;
}

/** Class names that blog engines and CMSs give the article's body (WordPress, Blogger, Typepad, Drupal, news templates). */
const BODY_MARKERS = new Set(['entry-content', 'entry-body', 'post-content', 'post-body', 'postbody', 'post-entry', 'article-body', 'article-content', 'articlebody', 'story-body', 'story-content', 'field-name-body', 'node-content']);

/**
 * The element the page itself marks as the article's body: schema.org articleBody, or
 * else one of the class names blog engines and news templates use for it; only when one
 * element (with some text) is so marked.
 */
function markedBody(measures: Map<Element, Measure>): Element | undefined {
  const byProp: Element[] = [];
  const byClass: Element[] = [];
  for (const [el, m] of measures) {
    if (m.text < 50 || !el.attribs) continue;
    if (el.attribs.itemprop === 'articleBody') byProp.push(el);
    else if (el.attribs.class?.split(/\s+/).some((c) => BODY_MARKERS.has(c.toLowerCase().replace(/_/g, '-')))) byClass.push(el);
  }
  const outermost = (els: Element[]) => els.filter((el) => !els.some((other) => other !== el && contains(other, el)));
  for (const list of [outermost(byProp), outermost(byClass)]) if (list.length) return list.length === 1 ? list[0] : undefined;
  return undefined;
}

/**
 * The picked nodes and the other parts of the article: templates that split the story
 * over several containers (after an ad row, or a lead box above the text) give each part
 * the top container's tag and class list, while elsewhere that class list names at most
 * a few elements. In document order (for disjoint elements, the reverse of the order of
 * `measures`, whose walk visits children last to first).
 */
function withParts(picked: Element[], top: Element, measures: Map<Element, Measure>): Element[] {
  const classes = top.attribs.class?.trim();
  if (!classes) return picked;
  const same: Element[] = [];
  for (const el of measures.keys()) if (el !== top && el.name === top.name && el.attribs?.class?.trim() === classes) same.push(el);
  if (same.length > 3) return picked;
  const parts = same.filter((el) => {
    const m = measures.get(el)!;
    // A part is prose (a teaser box of the same class is mostly links, headlines, pictures).
    return m.text >= 200 && m.paragraphs >= 1 && m.images <= m.paragraphs && linkDensity(m) < 0.15 && !picked.some((p) => p === el || contains(p, el) || contains(el, p));
  });
  if (!parts.length) return picked;
  const order = new Map([...measures.keys()].map((el, i) => [el, i]));
  return [...picked, ...parts].sort((a, b) => order.get(b)! - order.get(a)!);
}

/** The whole text of a link to the rest of another article ("READ THE REST", "Weiterlesen"). */
const MORE_LABEL = /^(?:read (?:the rest|more|on|the full (?:story|article))|continue reading|more|weiterlesen|mehr lesen|lire la suite|la suite|leer más|seguir leyendo|continua a leggere|leggi (?:tutto|di più)|czytaj (?:dalej|więcej)|читать (?:далее|дальше)|阅读全文|查看全文|继续阅读)\W*$/i;
/** The label of a pointer to other articles ("Read more: <link>", "Lesen Sie auch:"). */
const RELATED_LABEL = /^(?:read (?:more|also)|see also|related(?: stories| articles)?|more on this|mehr (?:lesen|zum thema)|lesen sie (?:auch|mehr)|lire aussi|à lire aussi|voir aussi|lee también|ver también|leggi anche|czytaj (?:też|także)|читайте также|相关阅读|延伸阅读|推荐阅读|相关新闻)\s*[:：»›]/i;

/**
 * A teaser for another page: an excerpt closed by a link to "read the rest" (blog front
 * pages and "more stories" rows under an article), or a "Read more: <link>" pointer.
 */
function isTeaser(el: Element, m: Measure): boolean {
  if (!m.links || m.text > 2000) return false;
  // The block's whole text is read only when a label or the links may make it a teaser:
  // most blocks with a link are neither.
  const related = linkDensity(m) > 0.5;
  const last = descendants(el).filter((d) => d.name === 'a').at(-1);
  const label = last ? textOf(last).replace(/\s+/g, ' ').trim() : '';
  const more = MORE_LABEL.test(label);
  if (!related && !more) return false;
  const text = textOf(el).replace(/\s+/g, ' ').trim();
  if (related && RELATED_LABEL.test(text)) return true;
  return more && text.endsWith(label) && text.length > label.length + 40;
}

/** Class words of what sits beside an article's text without being it. */
const BESIDE = /caption|credit|byline|author|copyright|dateline|share|social|related|promo|newsletter|subscribe|tags?\b/i;

/** A block that reads as a paragraph or two of the article: enough text, few links, no picture, not a caption. */
function readsAsProse(el: Element, m: Measure): boolean {
  return m.text >= 80 && linkDensity(m) < 0.25 && m.paragraphs <= 3 && m.images === 0 && el.name !== 'figure' && !BESIDE.test(classWords(el));
}

/** A subheading: a heading, or a block holding nothing but one. */
const isSubheading = (el: Element, m: Measure) => m.text > 0 && m.text < 200 && m.headings >= 0.9 * m.text && !/^h1$/.test(el.name) && linkDensity(m) < 0.5;

/** Nothing a reader reads: furniture, an empty or image-only block, a short linked line (a share bar). */
const isFiller = (m: Measure | undefined) => !m || m.text === 0 || (m.text < 25 && linkDensity(m) > 0) || linkDensity(m) > 0.5;

/**
 * The best container and those of its siblings that read like article text (Readability's
 * sibling test); then, as the text flows, the subheadings and paragraphs between them, and
 * the paragraphs just above them (a lead set apart from the body: its first paragraph in a
 * wrapper of its own, an intro block), up to the headline.
 */
function withSiblings(top: Element, topScore: number, scores: Map<Element, number>, measures: Map<Element, Measure>, skipped: Set<Element>, flowing: Set<Element>): Element[] {
  const parent = top.parent as ParentNode | null;
  if (!parent || parent.type !== 'tag') return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const siblings = parent.children.filter((c): c is Element => c.type === 'tag' && !skipped.has(c as Element));
  const taken = siblings.map((el) => {
    if (el === top) return true;
    const m = measures.get(el);
    if (!m || isTeaser(el, m)) return false;
    const bonus = el.attribs.class && el.attribs.class === top.attribs.class ? topScore * 0.2 : 0;
    if ((scores.get(el) ?? -Infinity) + bonus >= threshold) return true;
    if (el.name !== 'p' && (el.name !== 'div' || m.hasBlocks)) return false;
    const density = linkDensity(m);
    return (m.text > 80 && density < 0.25) || (m.text > 0 && m.text <= 80 && density === 0 && /[.!?。！？]\s*$/.test(textOf(el)));
  });
  const first = taken.indexOf(true);
  const last = taken.lastIndexOf(true);
  for (let i = first + 1; i < last; i++) {
    const m = measures.get(siblings[i]);
    if (taken[i] || !m || !(isSubheading(siblings[i], m) || readsAsProse(siblings[i], m))) continue;
    taken[i] = true;
    flowing.add(siblings[i]);
  }
  for (let i = first - 1, looked = 0; i >= 0 && looked < 6; i--, looked++) {
    const el = siblings[i];
    const m = measures.get(el);
    if (el.name === 'h1' || (m && m.headings > 0 && descendants(el).some((d) => d.name === 'h1'))) break;
    if (m && (readsAsProse(el, m) || isSubheading(el, m))) {
      taken[i] = true;
      flowing.add(el);
    } else if (!isFiller(m)) break;
  }
  return siblings.filter((_, i) => taken[i]);
}

/**
 * The blocks to leave out of what was picked (outermost only): furniture, and with
 * `conditional` the blocks that look like it (Readability's conditional cleaning); and
 * the text weight that stays.
 */
function furnitureIn(found: Pick<Analysis, 'picked' | 'measures' | 'scores' | 'skipped' | 'protectedEls'>, conditional: boolean, page?: URL): { remove: Set<Element>; text: number } {
  const { measures, scores, skipped, protectedEls } = found;
  const remove = new Set<Element>();
  const stack = found.picked.filter((n): n is Element => n.type === 'tag');
  let text = stack.reduce((n, el) => n + (measures.get(el)?.text ?? 0), 0);
  while (stack.length) {
    const el = stack.pop()!;
    if (!protectedEls.has(el)) {
      if (skipped.has(el)) {
        remove.add(el);
        continue;
      }
      const m = measures.get(el);
      // Without conditional cleaning, link furniture still goes (see isLinkFurniture).
      const furniture = m !== undefined && (conditional ? looksLikeFurniture(el, m, scores.get(el) ?? 0, page) || (TEASER_TAGS.has(el.name) && isTeaser(el, m)) : isLinkFurniture(el, m));
      if (furniture) {
        remove.add(el);
        text -= m.text;
        continue;
      }
    }
    for (const child of el.children) if (child.type === 'tag') stack.push(child as Element);
  }
  return { remove, text };
}

/** One pass per parent: removing thousands of siblings one search at a time is quadratic. */
function removeAll(remove: Set<Element>): void {
  const parents = new Set([...remove].map((el) => el.parent).filter((p): p is ParentNode => p !== null));
  for (const parent of parents) {
    parent.children = parent.children.filter((c) => !remove.has(c as Element));
    relink(parent);
  }
  for (const el of remove) el.parent = el.prev = el.next = null;
}

/**
 * What is furniture even when nothing else is cleaned: the unconditional pass is for
 * articles whose own blocks have furniture's shape (a list of links, a table), but a block
 * whose class also names it furniture and that is mostly links (a share bar, a related
 * list) is furniture by both counts - and a short article would otherwise take it along.
 */
const isLinkFurniture = (el: Element, m: Measure) => classWeight(el) < 0 && linkDensity(m) > 0.5;

function looksLikeFurniture(el: Element, m: Measure, score: number, page: URL | undefined): boolean {
  if (HEADINGS.test(el.name)) return classWeight(el) < 0;
  if (!CONDITIONAL_TAGS.has(el.name)) return false;
  const weight = classWeight(el);
  if (weight + score < 0) return true;
  if (m.commas >= 10) return false;
  const isList = el.name === 'ul' || el.name === 'ol';
  const density = linkDensity(m);
  const inFigure = hasAncestor(el, 'figure');
  if (m.images > 1 && m.paragraphs / m.images < 0.5 && !inFigure) return true;
  if (!isList && m.items - 100 > m.paragraphs) return true;
  if (m.inputs > Math.floor(m.paragraphs / 3)) return true;
  if (m.text < 40 && m.images === 0 && PLACEHOLDER_TEXT.test(textOf(el))) return true;
  // A short block is furniture when it holds links (a "more" link, a tag); without any it
  // is a line of the article, and a block that is mostly a heading is its subheading
  // (Readability 0.6 keeps both).
  if (!isList && m.text < 25 && (m.images === 0 || m.images > 2) && !inFigure && density > 0 && m.headings < 0.9 * m.text) return true;
  if (!isList && weight < 25 && density > 0.2) return true;
  if (weight >= 25 && density > 0.5) return true;
  if ((m.embeds === 1 && m.text < 75) || m.embeds > 1) return true;
  // A list of links to the site's own pages is a list of its other articles; one of
  // links elsewhere is the article's (its sources, the bugs it reports on).
  if (isList && density > 0.5 && linksHome(el, page)) return true;
  return false;
}

/**
 * Whether most links of a block lead to the page's own site (relative links, the same
 * host or one of its subdomains): the site's other pages, as "more stories" lists link
 * to. In-page anchors count with them (a table of contents); links elsewhere (sources,
 * bug reports, references) do not.
 */
function linksHome(el: Element, page: URL | undefined): boolean {
  if (!page) return false;
  const links = descendants(el).filter((d) => d.name === 'a' && d.attribs.href);
  const home = links.filter((a) => {
    let host: string;
    try {
      host = new URL(a.attribs.href.trim(), page).hostname;
    } catch {
      return false;
    }
    return host === page.hostname || host.endsWith(`.${page.hostname}`) || page.hostname.endsWith(`.${host}`);
  });
  return links.length > 0 && 2 * home.length >= links.length;
}

function contains(ancestor: Element, el: Element): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

function hasAncestor(el: Element, name: string): boolean {
  for (let p = el.parent; p && p.type === 'tag'; p = p.parent) if ((p as Element).name === name) return true;
  return false;
}

function textOf(el: Element): string {
  const out: string[] = [];
  const stack: AnyNode[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') out.push((node as unknown as { data: string }).data);
    else if ('children' in node) for (let i = (node as ParentNode).children.length - 1; i >= 0; i--) stack.push((node as ParentNode).children[i]);
  }
  return out.join('');
}

function detach(node: AnyNode): void {
  const parent = node.parent as ParentNode | null;
  if (parent) {
    const i = parent.children.indexOf(node);
    if (i >= 0) parent.children.splice(i, 1);
  }
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = node.prev = node.next = null;
}
