// The archive's own sources (ARCHIVE.md section 5, with the category values its crawler
// feeds and posts use): which folder holds which categories, in which language.
// `validate` allows exactly these unless pressclip.config.json adds more.
import type { Lang } from './post/schema.js';

export interface ArchiveFolder {
  folder: string;
  /** The category strings posts of this folder carry; '*' where they are open (tradingview's providers). */
  categories: readonly string[] | '*';
  langs: readonly Lang[];
}

const en = (folder: string, ...categories: string[]): ArchiveFolder => ({ folder, categories: categories.length ? categories : [folder], langs: ['en'] });
const cn = (folder: string, ...categories: string[]): ArchiveFolder => ({ folder, categories: categories.length ? categories : [folder], langs: ['zh-CN'] });
const hk = (folder: string, ...categories: string[]): ArchiveFolder => ({ folder, categories: categories.length ? categories : [folder], langs: ['zh-HK'] });

export const ARCHIVE_FOLDERS: readonly ArchiveFolder[] = [
  { folder: 'tradingview', categories: '*', langs: ['en'] },
  cn('qq'),
  en('seekalpha', 'seekalpha', 'seekalpha_articles'),
  en('businessstandard', 'business-standard'),
  en('tipranks', 'tipranks', 'tipranks_announcements', 'tipranks_others'),
  en('benzinga'),
  en('morningstar'),
  hk('stheadline'),
  hk('hkej'),
  cn('jinwucj'),
  { folder: 'investing', categories: ['investing_cn', 'investing_us'], langs: ['zh-CN', 'en'] },
  cn('sina', 'sina_us_stock'),
  en('simplywall'),
  en('thehill'),
  hk('now', 'now', 'now_finance'),
  hk('mingpao'),
  en('moneycontrol'),
  cn('wallstreetcn'),
  cn('jin10', 'jin10', 'jin10_articles_articles'),
  cn('iyiou'),
  en('techcrunch'),
  en('coinlive', 'coinlive', 'coinlive_articles'),
  cn('fx168'),
  cn('pingwest', 'pingwest', 'pingwest_status'),
  cn('hibor'),
  cn('bioon'),
  en('sbr'),
  cn('c114'),
  en('coindesk'),
  cn('leinews'),
  hk('statementdog'),
  cn('lieyun'),
  en('stockinvest'),
  en('smartphonemagazine'),
  en('pharmexec'),
  en('etf'),
  en('digitalcommerce360'),
  en('fiercepharma'),
  en('biopharmadive'),
  // The crawler labels this English newsletter zh-CN, and the archive files it so.
  cn('cabotwealth'),
  cn('infoq'),
  en('reporterosdelsur'),
  en('driveteslacanada'),
];
