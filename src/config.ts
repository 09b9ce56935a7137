// The site's config file, pressclip.config.json: found, read, checked against its JSON
// schema (schema/pressclip.config.schema.json, shipped with the package, so that `$schema`
// works in editors), and rewritten atomically by `sources add` and `--register`. One
// module for every command: validate, import, batch and sources read the site's
// additions to the registry here. A new key is a property in the schema (the validator
// is generated from it: npm run schema) and a field of SiteConfig.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { validate as matchesSchema } from './config-schema.js';

export const CONFIG_NAME = 'pressclip.config.json';

/** A source row of the config: a new folder, or additions to a built-in one. */
export interface ConfigSource {
  folder: string;
  /** Each matches itself and its subdomains. */
  hosts?: string[];
  /** The first is what import writes; '*' allows any. */
  categories?: string[] | '*';
  /** The first is used when a page does not tell its own. */
  langs?: string[];
  /** IANA zone of the site's zone-less dates. */
  zone?: string;
  /** Its first group on the URL's path and query is the article's id. */
  idPattern?: string;
}

export interface SiteConfig {
  $schema?: string;
  /** Languages of the site besides the archive's. */
  languages?: string[];
  /** Globs of files validate leaves out, relative to the config's folder. */
  ignores?: string[];
  sources?: ConfigSource[];
}

/** A config file that cannot be used: a usage error (exit 2), naming the file and the problem. */
export class ConfigError extends Error {}

/** The nearest pressclip.config.json from `start` upwards. */
export function findConfig(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  data?: unknown;
  parentSchema?: { description?: string; properties?: Record<string, unknown> };
}

/** `/sources/0/hosts` -> `sources[0].hosts`. */
const where = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** The known key a misspelt one was meant to be: case aside, at most two edits away, or the same stem (category, categories). */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  const stem = (a: string, b: string) => Math.min(a.length, b.length) >= 4 && a.slice(0, Math.max(a.length, b.length) - 3) === b.slice(0, Math.max(a.length, b.length) - 3);
  const scored = known.map((name) => ({ name, d: editDistance(k, name.toLowerCase()), stem: stem(k, name.toLowerCase()) })).sort((a, b) => a.d - b.d);
  return scored.find((s) => s.d <= Math.min(2, Math.floor(s.name.length / 2)) || s.stem)?.name;
}

/** One line for the first problem the schema finds. */
function describe(error: SchemaError): string {
  const at = where(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    const meant = didYouMean(key, Object.keys(error.parentSchema?.properties ?? {}));
    return `unknown key "${key}"${at ? ` in ${at}` : ''}${meant ? ` (did you mean "${meant}"?)` : ''}`;
  }
  if (error.keyword === 'required') return `${at || 'the file'} has no "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'anyOf') return `${at}: ${JSON.stringify(error.data)} is not allowed here (${error.parentSchema?.description ?? 'see the schema'})`;
  const value = typeof error.data === 'string' ? ` "${error.data}"` : '';
  return `${at || 'the file'}${value}: ${error.message ?? error.keyword}`;
}

/** What the schema cannot say: hosts as the URL parser writes them, real zones, patterns that compile. */
function checkMeaning(config: SiteConfig): string | undefined {
  for (const [i, pattern] of (config.ignores ?? []).entries()) {
    if (pattern.startsWith('!')) return `ignores[${i}]: "${pattern}" starts with !: ignores only leave files out (list what to leave out instead)`;
  }
  for (const [i, row] of (config.sources ?? []).entries()) {
    for (const host of row.hosts ?? []) {
      let parsed: string | undefined;
      try {
        parsed = new URL(`http://${host}/`).hostname;
      } catch {
        parsed = undefined;
      }
      if (parsed !== host) return `sources[${i}].hosts: "${host}" is not a host name as URLs write it${parsed ? ` ("${parsed}")` : ''}`;
    }
    if (row.zone !== undefined) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: row.zone });
      } catch {
        return `sources[${i}].zone: "${row.zone}" is not an IANA time zone (such as "Europe/Berlin")`;
      }
    }
    if (row.idPattern !== undefined) {
      let groups = 0;
      try {
        groups = new RegExp(`${row.idPattern}|`).exec('')!.length - 1;
      } catch (error) {
        return `sources[${i}].idPattern: ${(error as Error).message}`;
      }
      if (groups < 1) return `sources[${i}].idPattern: "${row.idPattern}" has no group to take the id from`;
    }
  }
  return undefined;
}

/** The first problem of a config's content: against the schema, then what the schema cannot say. */
export function configProblem(config: unknown): string | undefined {
  if (!matchesSchema(config)) {
    const errors = (matchesSchema as unknown as { errors: SchemaError[] }).errors;
    // Where a value may take several forms, the branches' own errors say less than the whole.
    return describe(errors.find((e) => e.keyword === 'anyOf') ?? errors[0]);
  }
  return checkMeaning(config as SiteConfig);
}

/** Reads and checks a config file; every problem is a ConfigError naming the file. */
export function readConfig(file: string): SiteConfig {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
  const problem = configProblem(config);
  if (problem) throw new ConfigError(`${file}: ${problem}`);
  return config as SiteConfig;
}

const union = (a: readonly string[] = [], b: readonly string[] = []) => [...new Set([...a, ...b])];

/**
 * The config with a source row added: merged into the row of the same folder (hosts,
 * categories and languages joined; the first of each stays the default), else appended.
 * Returns what changed, in words; nothing when the row adds nothing.
 */
export function mergeSource(config: SiteConfig, add: ConfigSource): { config: SiteConfig; changes: string[] } {
  const sources = [...(config.sources ?? [])];
  const at = sources.findIndex((r) => r.folder === add.folder);
  const old: ConfigSource = at >= 0 ? sources[at] : { folder: add.folder };
  const row: ConfigSource = { ...old };
  const changes: string[] = at >= 0 ? [] : [`source ${add.folder}`];
  const join = (key: 'hosts' | 'langs', label: string) => {
    const added = (add[key] ?? []).filter((v) => !(old[key] ?? []).includes(v));
    if (added.length) {
      row[key] = union(old[key], added);
      changes.push(`${label} ${added.join(', ')}`);
    }
  };
  join('hosts', 'host');
  join('langs', 'language');
  if (add.categories === '*' && old.categories !== '*') {
    row.categories = '*';
    changes.push('any category');
  } else if (Array.isArray(add.categories) && old.categories !== '*') {
    const had = old.categories ?? (at >= 0 ? [old.folder] : []);
    const added = add.categories.filter((c) => !had.includes(c));
    if (added.length) {
      row.categories = union(had, added);
      changes.push(`category ${added.join(', ')}`);
    }
  }
  for (const key of ['zone', 'idPattern'] as const) {
    if (add[key] === undefined || add[key] === old[key]) continue;
    if (old[key] !== undefined) throw new ConfigError(`source ${add.folder} already has ${key} "${old[key]}" (not "${add[key]}"): edit the config to change it`);
    row[key] = add[key];
    changes.push(`${key} ${add[key]}`);
  }
  if (at >= 0) sources[at] = row;
  else sources.push(row);
  return { config: { ...config, sources }, changes };
}

/** Writes the config whole, through a temporary file: a reader sees the old file or the new one. */
export function writeConfig(file: string, config: SiteConfig): void {
  // Synchronous, so that two registrations of one run (batch files in parallel) never
  // interleave their read, merge and write.
  mkdirSync(path.dirname(file), { recursive: true }); // a site root that import is about to make
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx');
  try {
    try {
      writeSync(fd, JSON.stringify(config, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never made, or already moved
    }
    throw error;
  }
}
