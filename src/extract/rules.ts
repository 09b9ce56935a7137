// Running declarative field rules against a page.
import type { Cheerio } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { cleanBody, type CleanRules } from '../clean.js';
import { parseFragment } from '../parse.js';
import { blockText } from '../text.js';
import { liveSelect, simpleSelect } from './page-index.js';
import type { Body, BodyRule, FieldRule, Found, Page } from './types.js';

export function describeRule(rule: FieldRule | BodyRule): string {
  if (typeof rule === 'string') return rule;
  if (Array.isArray(rule)) return `${rule[0]} [${rule[1]}]`;
  return (rule as { name: string }).name;
}

const elementText = (el: Element) => blockText(el.children).replace(/\s+/g, ' ');

function applyRule(rule: FieldRule, page: Page): string | undefined {
  if (typeof rule === 'string') {
    const simple = simpleSelect(page, rule);
    return simple ? (simple[0] && elementText(simple[0])) : page.$(rule).first().text();
  }
  if (Array.isArray(rule)) {
    const [selector, attribute] = rule as readonly [string, string];
    const simple = simpleSelect(page, selector);
    if (simple) return simple.map((el) => el.attribs[attribute]).find((v) => v?.trim());
    return page.$(selector).filter((_, el) => Boolean(page.$(el).attr(attribute)?.trim())).first().attr(attribute);
  }
  return (rule as { get: (p: Page) => string | undefined }).get(page);
}

/**
 * The first rule whose value survives `accept` (after trimming) wins. Rules that throw
 * (a selector a site no longer matches, JSON that moved) count as finding nothing.
 */
export function firstOf(
  rules: readonly FieldRule[],
  page: Page,
  accept: (value: string) => string | undefined = (v) => v || undefined,
): Found<string> | undefined {
  for (const rule of rules) {
    const value = valueOf(rule, page, accept);
    if (value) return { value, via: describeRule(rule) };
  }
  return undefined;
}

/** What every rule finds, in priority order: the winner and the candidates that lost (for inspect). */
export function allOf(rules: readonly FieldRule[], page: Page, accept: (value: string) => string | undefined = (v) => v || undefined): Found<string>[] {
  return rules.flatMap((rule) => {
    const value = valueOf(rule, page, accept);
    return value ? [{ value, via: describeRule(rule) }] : [];
  });
}

function valueOf(rule: FieldRule, page: Page, accept: (value: string) => string | undefined): string | undefined {
  let raw: string | undefined;
  try {
    raw = applyRule(rule, page);
  } catch {
    raw = undefined;
  }
  return raw === undefined ? undefined : accept(raw.replace(/\s+/g, ' ').trim());
}

/** True when a cleaned body shows anything: text or an image. */
export function bodyHasContent(root: Cheerio<Element>): boolean {
  return /\S/.test(blockText(root.toArray())) || root.find('img').length > 0;
}

/** The first body rule that yields a non-empty body once cleaned. */
export function firstBody(rules: readonly BodyRule[], page: Page, clean: CleanRules): Found<Body> | undefined {
  for (const rule of rules) {
    let body: Body | undefined;
    try {
      body = selectBody(rule, page);
    } catch {
      body = undefined;
    }
    if (!body) continue;
    cleanBody(body.root, page.url.href, clean);
    if (bodyHasContent(body.root)) return { value: body, via: describeRule(rule) };
  }
  return undefined;
}

function selectBody(rule: BodyRule, page: Page): Body | undefined {
  if (typeof rule === 'string') {
    const live = liveSelect(page, rule);
    const root = (live ? page.$(live.slice(0, 1)) : page.$(rule).first()) as Cheerio<Element>;
    return root.length ? { $: page.$, root } : undefined;
  }
  if ('element' in rule) {
    const root = rule.element(page);
    return root?.length ? { $: page.$, root } : undefined;
  }
  const html = rule.html(page);
  if (!html?.trim()) return undefined;
  const $ = parseFragment(`<div>${html}</div>`);
  return { $, root: $.root().children().first() as Cheerio<Element> };
}
