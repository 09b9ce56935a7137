// What `validate` allows: the archive's folders, categories and languages, extended by
// pressclip.config.json at the site root (found by walking up from the current folder).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ARCHIVE_FOLDERS } from '../archive-sources.js';
import { LANGS } from '../post/schema.js';

export interface AllowedFolder {
  categories: Set<string> | '*';
  langs: Set<string>;
}

export interface Allowed {
  folders: Map<string, AllowedFolder>;
  langs: Set<string>;
  /** The config file read, if any. */
  configFile?: string;
}

export const CONFIG_NAME = 'pressclip.config.json';

/** The nearest pressclip.config.json from `start` upwards. */
export function findConfig(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

interface ConfigFile {
  languages?: string[];
  sources?: { folder: string; categories?: string[] | '*'; langs?: string[] }[];
}

/** Thrown for a config file that cannot be used: a usage error (exit 2). */
export class ConfigError extends Error {}

export function loadAllowed(configFile?: string): Allowed {
  const folders = new Map<string, AllowedFolder>();
  for (const f of ARCHIVE_FOLDERS) folders.set(f.folder, { categories: f.categories === '*' ? '*' : new Set(f.categories), langs: new Set(f.langs) });
  const langs = new Set<string>(LANGS);
  if (!configFile) return { folders, langs };
  let config: ConfigFile;
  try {
    config = JSON.parse(readFileSync(configFile, 'utf8')) as ConfigFile;
  } catch (error) {
    throw new ConfigError(`${configFile}: ${(error as Error).message}`);
  }
  for (const lang of config.languages ?? []) langs.add(lang);
  for (const row of config.sources ?? []) {
    if (!row || typeof row.folder !== 'string') throw new ConfigError(`${configFile}: each of "sources" needs a "folder"`);
    const current = folders.get(row.folder) ?? { categories: new Set<string>(), langs: new Set<string>() };
    if (row.categories === '*') current.categories = '*';
    else if (current.categories !== '*') for (const c of row.categories ?? [row.folder]) current.categories.add(c);
    for (const l of row.langs ?? []) current.langs.add(l);
    if (!current.langs.size) for (const l of langs) current.langs.add(l);
    folders.set(row.folder, current);
  }
  return { folders, langs, configFile };
}
