// Filing: where an article goes (folder, category, language, id) by the sources registry
// and the user's choices, checked against what validate will allow. What the registry
// lacks is never guessed: the article is refused with the command that registers it,
// or, asked to (--register), the registration is returned with the post.
import type { ConfigSource } from './config.js';
import { formatInZone } from './date.js';
import { shellWord } from './inputs.js';
import { languageName, siteLanguage } from './lang.js';
import { isMachineHost, siteDomain } from './post/link.js';
import { md5Id, postPath } from './post/path.js';
import { renderPost } from './post/render.js';
import type { PostFields } from './post/schema.js';
import { summarize } from './post/summary.js';
import { siteSlug, type Registry } from './sources.js';
import type { Article, Post } from './pipeline.js';

/** What the user decides on the command line. */
export interface FilingChoices {
  folder?: string;
  category?: string;
  lang?: string;
  id?: string;
  /** Register what the registry lacks instead of refusing the article. */
  register?: boolean;
  /** Date an article that shows no date by the time it was fetched (saved files: their modification time). */
  dateFallback?: 'fetch-time';
  /** Arguments that point `pressclip sources add` at this site (` --root site`), for the command a refusal gives. */
  siteArgs?: string;
  /** The site's config file as messages name it (found, or where one would be created). */
  configFile?: string;
}

/** An article that cannot be filed as things stand; the message says what to do. */
export class FilingError extends Error {}

/** What a filing lacks in the registry: the config row that makes it valid, and what it lacks in words. */
export interface Missing {
  row: ConfigSource;
  lacking: string;
}

export interface Filed {
  post: Post;
  /** With --register: what to register for the post to be valid. */
  register?: Missing;
}

/** The command that registers a row, as a user would type it. */
export function sourcesAddCommand(row: ConfigSource, siteArgs = ''): string {
  const args = [
    ...(row.hosts ?? []).flatMap((h) => ['--host', h]),
    ...(row.langs ?? []).flatMap((l) => ['--lang', l]),
    ...(Array.isArray(row.categories) ? row.categories.flatMap((c) => ['--category', c]) : []),
  ];
  return `pressclip sources add ${[row.folder, ...args].map(shellWord).join(' ')}${siteArgs}`;
}

interface Where {
  folder: string;
  category: string;
  lang: string;
  /** The article's host when no row holds it (a site to register). */
  newHost?: string;
}

/** The config row a filing needs to be valid, and what it lacks in words; undefined when valid. */
export function missingFromRegistry(registry: Registry, where: Where): Missing | undefined {
  const facts = registry.folders.get(where.folder);
  const row: ConfigSource = { folder: where.folder };
  const lacking: string[] = [];
  if (where.newHost) {
    row.hosts = [where.newHost];
    lacking.push(`${where.newHost} is not a source of the site`);
  } else if (!facts) lacking.push(`folder "${where.folder}" is not a source of the site`);
  if (!facts) {
    // A new folder: its category is its name unless said otherwise, its language the post's.
    if (where.category !== where.folder) row.categories = [where.category];
    row.langs = [where.lang];
  } else {
    if (facts.categories !== '*' && !facts.categories.has(where.category)) {
      lacking.push(`category "${where.category}" is not one of folder "${where.folder}" (${[...facts.categories].join(', ')})`);
      row.categories = [where.category];
    }
    if (!facts.langs.has(where.lang)) {
      lacking.push(`folder "${where.folder}" holds no ${where.lang} posts (${[...facts.langs].join(', ')})`);
      row.langs = [where.lang];
    }
  }
  return lacking.length ? { row, lacking: lacking.join('; ') } : undefined;
}

/** The refusal of a filing the registry lacks, with the command that registers it. */
export function refusal(missing: Missing, siteArgs = '', flag = '--register'): string {
  return `${missing.lacking}: \`${sourcesAddCommand(missing.row, siteArgs)}\` registers it (or run with ${flag})`;
}

function fileLanguage(article: Article, registry: Registry, folder: string, fixed: string | undefined, choices: FilingChoices): string {
  const config = choices.configFile ?? 'pressclip.config.json';
  if (choices.lang) {
    if (!registry.langs.has(choices.lang)) throw new FilingError(`--lang ${choices.lang} is not a language of the site (${[...registry.langs].join(', ')}): add it to "languages" in ${config} first`);
    return choices.lang;
  }
  if (fixed) return fixed;
  const page = article.language;
  const siteLangs = [...registry.langs];
  if (!page.tag) {
    // A row of the site names its languages: the first is its default.
    const facts = registry.folders.get(folder);
    if (facts?.langs.size && facts.langs.size < siteLangs.length) return [...facts.langs][0];
    throw new FilingError(`cannot tell the page's language (${page.from}): give --lang (${siteLangs.join(', ')})`);
  }
  const lang = siteLanguage(page.tag, siteLangs);
  if (!lang) {
    const primary = page.tag.split('-')[0];
    throw new FilingError(
      `the page is in ${languageName(page.tag)} (${page.tag}, from ${page.from}), not a language of the site (${siteLangs.join(', ')}): --lang <lang> files it under one of them, or add "${primary}" to "languages" in ${config} (and to Hugo's languages)`,
    );
  }
  return lang;
}

/** Files an article: a post at its path, or a FilingError saying what to do. */
export function fileArticle(article: Article, registry: Registry, choices: FilingChoices): Filed {
  const url = new URL(article.link);
  const match = registry.find(url);
  const machine = isMachineHost(url.hostname);
  if (!match && !choices.folder && machine) {
    throw new FilingError(`${url.host} is ${url.hostname === 'localhost' || url.hostname.endsWith('.localhost') ? 'localhost' : 'an IP address'}, not a site to name a folder after: give --folder <name> (with --register when the folder is new)`);
  }
  const suggested = article.suggested;
  const folder = choices.folder ?? match?.folder ?? suggested?.folder ?? siteSlug(url.hostname);
  const facts = registry.folders.get(folder);
  const folderDefault = facts && facts.categories !== '*' && facts.categories.size ? [...facts.categories][0] : folder;
  const category = choices.category ?? (match && match.folder === folder ? match.category : suggested && suggested.folder === folder ? suggested.category : folderDefault);
  const lang = fileLanguage(article, registry, folder, match && match.folder === folder ? match.lang : undefined, choices);
  // After the language: a page the site cannot hold is refused for that first.
  const warnings = [...article.warnings];
  let date = article.date;
  if (!date) {
    if (choices.dateFallback !== 'fetch-time') throw new FilingError(`no publication date found (looked for ${article.dateLookedFor}): --date-fallback fetch-time dates it by the time it was fetched`);
    date = formatInZone(article.fetchedAt);
    warnings.push('no publication date found: dated by the time the page was fetched (--date-fallback fetch-time)');
  }
  const id = choices.id ?? match?.id ?? article.pageId ?? md5Id(article.title, date);
  const missing = missingFromRegistry(registry, { folder, category, lang, newHost: !match && !machine ? siteDomain(url.hostname) : undefined });
  if (missing && !choices.register) throw new FilingError(refusal(missing, choices.siteArgs));
  const fields: PostFields = { title: article.title, date, summary: summarize(article.bodyText, lang), category, lang, thumbnail: article.thumbnail };
  return {
    post: {
      path: postPath(lang, folder, id),
      link: article.link,
      fields,
      markdown: article.markdown,
      text: renderPost(fields, article.markdown, article.link),
      folder,
      id,
      bodyText: article.bodyText,
      extractor: article.extractor,
      warnings,
      extracted: article.extracted,
    },
    register: missing,
  };
}

/**
 * A post made without a page (a crawler feed item, filed by its feed's folder and its own
 * category and language) checked as fileArticle checks its own: the registry's missing
 * row for --register, else a FilingError.
 */
export function admitPost(post: Post, registry: Registry, choices: Pick<FilingChoices, 'register' | 'siteArgs'>): Missing | undefined {
  const missing = missingFromRegistry(registry, { folder: post.folder, category: post.fields.category, lang: post.fields.lang });
  if (missing && !choices.register) throw new FilingError(refusal(missing, choices.siteArgs));
  return missing;
}
