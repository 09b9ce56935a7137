// The sources registry, the one truth for import, batch and validate: the archive's
// sources (ARCHIVE.md section 5; hosts, ids, languages and categories as the crawler
// feeds in fixtures/feeds show them), extended by the site's pressclip.config.json.
// Adding a source of the archive is adding a row; a site adds its own in the config.
import { findConfig, readConfig, type ConfigSource, type SiteConfig } from './config.js';
import { siteDomain } from './post/link.js';
import { LANGS, type Lang } from './post/schema.js';

/** How a source's article id is known. */
export type IdRule =
  /** The pattern's first group, matched on the URL's path and query. */
  | { from: 'url'; pattern: RegExp }
  /** Only the page (or the feed) knows it: a site adapter reads it; without one, md5(title + date). */
  | { from: 'page' }
  | { from: 'md5' };

export interface SourceRow {
  folder: string;
  /** The category string, or the rule that picks one of the folder's categories (`values`) from the URL. */
  category: string | { rule: string; pick: (url: URL) => string; values: readonly string[] | '*' };
  lang: Lang | { rule: string; pick: (url: URL) => Lang; values: readonly Lang[] };
  /** Hosts of the source's article URLs. */
  hosts: RegExp;
  id: IdRule;
  /** The IANA zone of the source's zone-less dates, where it is known. */
  zone?: string;
}

const md5 = { from: 'md5' } as const;
const page = { from: 'page' } as const;
const url = (pattern: RegExp) => ({ from: 'url', pattern }) as const;
// Where each site's zone-less times are written (their newsrooms' clocks).
const SHANGHAI = 'Asia/Shanghai';
const HONG_KONG = 'Asia/Hong_Kong';
const NEW_YORK = 'America/New_York';
/** A row whose zone-less times are in `zone`. */
const at = (zone: string, r: SourceRow): SourceRow => ({ ...r, zone });
const row = (folder: string, hosts: RegExp, lang: SourceRow['lang'], id: IdRule, category: SourceRow['category'] = folder): SourceRow => ({ folder, category, lang, hosts, id });

export const SOURCES: readonly SourceRow[] = [
  row('tradingview', /^(www\.)?tradingview\.com$/, 'en', page, { rule: "the article's provider (Reuters, Benzinga...), from the page", pick: () => 'tradingview', values: '*' }),
  at(SHANGHAI, row('qq', /^(new|news|view\.inews|inews)\.qq\.com$/, 'zh-CN', url(/\/(?:rain\/a|a|omn\/\d+)\/([0-9A-Z]+?)(?:00)?(?:\.html)?$/))),
  at(NEW_YORK, row('seekalpha', /^(www\.)?seekingalpha\.com$/, 'en', url(/^\/(?:article|news)\/(\d+)/), { rule: '/article/ -> seekalpha_articles, else seekalpha', pick: (u) => (u.pathname.startsWith('/article/') ? 'seekalpha_articles' : 'seekalpha'), values: ['seekalpha', 'seekalpha_articles'] })),
  at('Asia/Kolkata', row('businessstandard', /^(www\.)?business-standard\.com$/, 'en', url(/-(\d{9,})_\d+\.html$/), 'business-standard')),
  row('tipranks', /^(www\.)?tipranks\.com$/, 'en', page, {
    rule: 'tipranks.com -> tipranks; www.: /news/company-announcements/ -> tipranks_announcements (the crawler files a few of them under tipranks_others), else tipranks_others',
    pick: (u) => (!u.hostname.startsWith('www.') ? 'tipranks' : u.pathname.startsWith('/news/company-announcements/') ? 'tipranks_announcements' : 'tipranks_others'),
    values: ['tipranks', 'tipranks_announcements', 'tipranks_others'],
  }),
  at(NEW_YORK, row('benzinga', /^(www\.)?benzinga\.com$/, 'en', page)),
  at('America/Chicago', row('morningstar', /^(www\.)?morningstar\.com$/, 'en', md5)),
  at(HONG_KONG, row('stheadline', /^(www\.)?stheadline\.com$/, 'zh-HK', md5)),
  at(HONG_KONG, row('hkej', /^(www\d?\.)?hkej\.com$/, 'zh-HK', md5)),
  at(SHANGHAI, row('jinwucj', /^(ipo\.jinwucj\.com|sky\.szfiu\.com)$/, 'zh-CN', url(/\/(?:infoDetails|details)\/(\d+)/))),
  row('investing', /^(cn|www)\.investing\.com$/, { rule: 'cn.investing.com -> zh-CN, else en', pick: (u) => (u.hostname.startsWith('cn.') ? 'zh-CN' : 'en'), values: ['zh-CN', 'en'] }, url(/-(\d{5,})(?:\?|$)/), { rule: 'cn.investing.com -> investing_cn, else investing_us', pick: (u) => (u.hostname.startsWith('cn.') ? 'investing_cn' : 'investing_us'), values: ['investing_cn', 'investing_us'] }),
  // All 650 posts of the archive's sina folder carry sina_us_stock: the crawler's list of
  // finance.sina.com.cn, which holds world news and the 7x24 wire as well as US stocks (its
  // feed files all three under that category). So the category names the crawler's list,
  // not the topic: a finance.sina.com.cn article, whatever its path, is sina_us_stock.
  // Sina's other channels (news., tech., k., mobile sina.cn...) were never in that list;
  // tagging them sina_us_stock would put a news story on the US-stock tag page, so they are
  // filed in the same folder under the source's own name, sina, which the folder holds.
  at(SHANGHAI, row('sina', /(^|\.)sina\.(com\.)?cn$/, 'zh-CN', page, {
    rule: 'finance.sina.com.cn (and mobile finance.sina.cn) -> sina_us_stock, any other Sina host -> sina',
    pick: (u) => (/^finance\.sina\.(com\.)?cn$/.test(u.hostname) ? 'sina_us_stock' : 'sina'),
    values: ['sina_us_stock', 'sina'],
  })),
  row('simplywall', /^simplywall\.st$/, 'en', md5),
  at(NEW_YORK, row('thehill', /^thehill\.com$/, 'en', url(/\/(\d+)-[^/]*\/?$/))),
  at(HONG_KONG, row('now', /^(finance|news)\.now\.com$/, 'zh-HK', md5, { rule: 'finance.now.com -> now_finance, else now', pick: (u) => (u.hostname.startsWith('finance.') ? 'now_finance' : 'now'), values: ['now', 'now_finance'] })),
  at(HONG_KONG, row('mingpao', /^(finance|news)\.mingpao\.com$/, 'zh-HK', md5)),
  at('Asia/Kolkata', row('moneycontrol', /^(www\.)?moneycontrol\.com$/, 'en', md5)),
  at(SHANGHAI, row('wallstreetcn', /^(www\.)?wallstreetcn\.com$/, 'zh-CN', url(/^\/articles\/(\d+)/))),
  at(SHANGHAI, row('jin10', /^xnews\.jin10\.com$/, 'zh-CN', url(/^\/details\/(\d+)/), { rule: 'jin10_articles_articles (older posts: jin10)', pick: () => 'jin10_articles_articles', values: ['jin10', 'jin10_articles_articles'] })),
  at(SHANGHAI, row('iyiou', /^(www\.)?iyiou\.com$/, 'zh-CN', md5)),
  at('America/Los_Angeles', row('techcrunch', /^techcrunch\.com$/, 'en', md5)),
  row('coinlive', /^(www\.)?coinlive\.com$/, 'en', page, { rule: '/news/ -> coinlive_articles, else coinlive', pick: (u) => (u.pathname.startsWith('/news/') ? 'coinlive_articles' : 'coinlive'), values: ['coinlive', 'coinlive_articles'] }),
  at(SHANGHAI, row('fx168', /^(www\.)?fx168news\.com$/, 'zh-CN', url(/[-/](\d+)$/))),
  at(SHANGHAI, row('pingwest', /^(www\.)?pingwest\.com$/, 'zh-CN', md5, { rule: '/w/ -> pingwest_status, else pingwest', pick: (u) => (u.pathname.startsWith('/w/') ? 'pingwest_status' : 'pingwest'), values: ['pingwest', 'pingwest_status'] })),
  at(SHANGHAI, row('hibor', /^(www\.)?hibor\.com\.cn$/, 'zh-CN', md5)),
  at(SHANGHAI, row('bioon', /^news\.bioon\.com$/, 'zh-CN', md5)),
  at('Asia/Singapore', row('sbr', /^sbr\.com\.sg$/, 'en', md5)),
  at(SHANGHAI, row('c114', /^(www\.)?c114\.com\.cn$/, 'zh-CN', md5)),
  at(NEW_YORK, row('coindesk', /^(www\.)?coindesk\.com$/, 'en', md5)),
  at(SHANGHAI, row('leinews', /^(www\.)?leinews\.com$/, 'zh-CN', url(/^\/n(\d+)\//))),
  at('Asia/Taipei', row('statementdog', /^statementdog\.com$/, 'zh-HK', md5)),
  at(SHANGHAI, row('lieyun', /^(www\.)?lieyunpro\.com$/, 'zh-CN', md5)),
  row('stockinvest', /^stockinvest\.us$/, 'en', md5),
  // No feed or saved page shows this source's host: its name is the only clue.
  row('smartphonemagazine', /(^|\.)smartphonemagazine\.[a-z]+$/, 'en', md5),
  at(NEW_YORK, row('pharmexec', /^(www\.)?pharmexec\.com$/, 'en', md5)),
  at(NEW_YORK, row('etf', /^(www\.)?etf\.com$/, 'en', md5)),
  at('America/Chicago', row('digitalcommerce360', /^(www\.)?digitalcommerce360\.com$/, 'en', page)),
  at(NEW_YORK, row('fiercepharma', /^(www\.)?fiercepharma\.com$/, 'en', md5)),
  at(NEW_YORK, row('biopharmadive', /^(www\.)?biopharmadive\.com$/, 'en', md5)),
  // The crawler labels this English newsletter zh-CN, and the archive files it so.
  at(NEW_YORK, row('cabotwealth', /^(www\.)?cabotwealth\.com$/, 'zh-CN', md5)),
  at(SHANGHAI, row('infoq', /^(www\.)?infoq\.cn$/, 'zh-CN', url(/^\/(?:article|news)\/([^/?#]+)/))),
  // The folder's name is the crawler's; its articles come from this Brazilian host.
  at('America/Sao_Paulo', row('reporterosdelsur', /^coletivometranca\.com\.br$/, 'en', md5)),
  at('America/Vancouver', row('driveteslacanada', /^driveteslacanada\.ca$/, 'en', md5)),
];

/** A folder as validate sees it: the categories and languages its posts may carry. */
export interface FolderFacts {
  categories: Set<string> | '*';
  langs: Set<string>;
}

/** What validate needs of the registry. */
export interface Allowed {
  folders: ReadonlyMap<string, FolderFacts>;
  /** The languages of the site. */
  langs: ReadonlySet<string>;
}

/** The archive's folders with their categories and languages, read off the rows. */
export const ARCHIVE_FOLDERS: readonly { folder: string; categories: readonly string[] | '*'; langs: readonly Lang[] }[] = SOURCES.map((r) => ({
  folder: r.folder,
  categories: typeof r.category === 'string' ? [r.category] : r.category.values,
  langs: typeof r.lang === 'string' ? [r.lang] : r.lang.values,
}));

export interface SourceMatch {
  folder: string;
  /** The category import writes. */
  category: string;
  /** The language, where the row fixes it (the archive's sources); else the page's, among `langs`. */
  lang?: string;
  /** The languages the folder holds; the first is the default of a config row. */
  langs: readonly string[];
  /** The id, when the URL holds it. */
  id?: string;
  zone?: string;
  /** The built-in row, or the config's. */
  row: SourceRow | ConfigSource;
}

/** A host of a config row matches itself and its subdomains. */
const hostMatches = (host: string, entry: string) => host === entry || host.endsWith(`.${entry}`);

const idFrom = (pattern: RegExp | undefined, link: URL) => pattern?.exec(link.pathname + link.search)?.[1];

/** The archive's sources and the site's own, as one table: what import files and validate allows. */
export class Registry implements Allowed {
  readonly folders = new Map<string, FolderFacts>();
  readonly langs = new Set<string>();
  config: SiteConfig = {};
  /** The config file read, if any. */
  configFile?: string;

  constructor(config: SiteConfig = {}, configFile?: string) {
    this.replace(config, configFile);
  }

  /** The registry of another config (after `sources add` or --register changed it). */
  replace(config: SiteConfig, configFile?: string): void {
    this.config = config;
    this.configFile = configFile;
    this.folders.clear();
    this.langs.clear();
    for (const l of [...LANGS, ...(config.languages ?? [])]) this.langs.add(l);
    for (const f of ARCHIVE_FOLDERS) this.folders.set(f.folder, { categories: f.categories === '*' ? '*' : new Set(f.categories), langs: new Set(f.langs) });
    for (const row of config.sources ?? []) {
      const known = this.folders.get(row.folder);
      const facts = known ?? { categories: new Set<string>(), langs: new Set<string>() };
      // A new folder holds its own name as category, and any of the site's languages, unless it says otherwise.
      if (row.categories === '*') facts.categories = '*';
      else if (facts.categories !== '*') for (const c of row.categories ?? (known ? [] : [row.folder])) facts.categories.add(c);
      for (const l of row.langs ?? (known ? [] : this.langs)) facts.langs.add(l);
      this.folders.set(row.folder, facts);
    }
  }

  /** The registry of the site whose config is `configFile` (none: the archive's sources alone). */
  static load(configFile?: string): Registry {
    return new Registry(configFile ? readConfig(configFile) : {}, configFile);
  }

  /** The registry of the site at `root`: its config found from there upwards, unless one is given. */
  static forSite(root: string, configFile?: string): Registry {
    return Registry.load(configFile ?? findConfig(root));
  }

  /** The source of an article link: the config's rows first (the longest host wins), then the archive's. */
  find(link: URL): SourceMatch | undefined {
    const host = link.hostname.toLowerCase();
    let best: { row: ConfigSource; length: number } | undefined;
    for (const row of this.config.sources ?? []) {
      for (const entry of row.hosts ?? []) if (hostMatches(host, entry) && (!best || entry.length > best.length)) best = { row, length: entry.length };
    }
    if (best) return this.configMatch(best.row, link);
    const found = SOURCES.find((r) => r.hosts.test(host));
    if (!found) return undefined;
    return {
      folder: found.folder,
      category: typeof found.category === 'string' ? found.category : found.category.pick(link),
      lang: typeof found.lang === 'string' ? found.lang : found.lang.pick(link),
      langs: [...this.folders.get(found.folder)!.langs],
      id: found.id.from === 'url' ? idFrom(found.id.pattern, link) : undefined,
      zone: found.zone,
      row: found,
    };
  }

  private configMatch(row: ConfigSource, link: URL): SourceMatch {
    const builtIn = SOURCES.find((r) => r.folder === row.folder);
    const category = Array.isArray(row.categories) ? row.categories[0] : builtIn && typeof builtIn.category === 'string' ? builtIn.category : row.folder;
    const langs = [...(row.langs ?? []), ...this.folders.get(row.folder)!.langs];
    return { folder: row.folder, category, langs: [...new Set(langs)], id: idFrom(row.idPattern ? new RegExp(row.idPattern) : undefined, link), zone: row.zone ?? builtIn?.zone, row };
  }
}

/** The registry of the archive's sources alone, with no site config. */
export const ARCHIVE = new Registry();

/** A folder name for a site in no row: the registrable domain's name, lowercase letters and digits. */
export function siteSlug(host: string): string {
  const domain = siteDomain(host);
  return domain.split('.')[0].replace(/[^a-z0-9]/g, '') || 'site';
}
