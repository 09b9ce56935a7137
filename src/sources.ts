// The archive's sources (ARCHIVE.md section 5; hosts, ids, languages and categories as
// the crawler feeds in fixtures/feeds show them). Adding a source is adding a row.
import type { Lang } from './post/schema.js';

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
  /** The IANA zone of the site's zone-less times, where known. */
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
  at(SHANGHAI, row('sina', /^finance\.sina\.com\.cn$/, 'zh-CN', page, 'sina_us_stock')),
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

export interface SourceMatch {
  folder: string;
  category: string;
  lang: Lang;
  /** The id when the URL holds it. */
  id?: string;
  row: SourceRow;
}

export function findSource(link: URL): SourceMatch | undefined {
  const host = link.hostname.toLowerCase();
  const found = SOURCES.find((r) => r.hosts.test(host));
  if (!found) return undefined;
  const id = found.id.from === 'url' ? found.id.pattern.exec(link.pathname + link.search)?.[1] : undefined;
  return {
    folder: found.folder,
    category: typeof found.category === 'string' ? found.category : found.category.pick(link),
    lang: typeof found.lang === 'string' ? found.lang : found.lang.pick(link),
    id,
    row: found,
  };
}

/** Second-level public suffixes common among news sites (no full public-suffix list needed for a name). */
const SECOND_LEVEL = /^(com|net|org|co|gov|edu|ac|or|ne)\.[a-z]{2}$/;

/** A folder name for a site in no row: the registrable domain's name, lowercase letters and digits. */
export function siteSlug(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const suffixLength = labels.length > 2 && SECOND_LEVEL.test(labels.slice(-2).join('.')) ? 2 : 1;
  const name = labels[labels.length - suffixLength - 1] ?? labels[0];
  return name.replace(/[^a-z0-9]/g, '') || 'site';
}
