// The archive's own sources as validate needs them: which folder holds which categories,
// in which language. Read off the registry (sources.ts), the one table of the sources;
// `validate` allows exactly these unless pressclip.config.json adds more.
import type { Lang } from './post/schema.js';
import { SOURCES } from './sources.js';

export interface ArchiveFolder {
  folder: string;
  /** The category strings posts of this folder carry; '*' where they are open (tradingview's providers). */
  categories: readonly string[] | '*';
  langs: readonly Lang[];
}

export const ARCHIVE_FOLDERS: readonly ArchiveFolder[] = SOURCES.map((row) => ({
  folder: row.folder,
  categories: typeof row.category === 'string' ? [row.category] : row.category.values,
  langs: typeof row.lang === 'string' ? [row.lang] : row.lang.values,
}));
