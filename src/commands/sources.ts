// `pressclip sources`: the registry (the archive's rows and the site config's), as a table
// for people or JSON for scripts; `pressclip sources add` registers a source in the config.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_NAME, ConfigError, configProblem, mergeSource, readConfig, writeConfig, type ConfigSource, type SiteConfig } from '../config.js';
import { SOURCES, type Registry, type SourceRow } from '../sources.js';

const describeId = (row: SourceRow) => (row.id.from === 'url' ? `from the URL ${row.id.pattern}` : row.id.from === 'page' ? "the page's own id (md5(title + date) without an adapter)" : 'md5(title + date)');
const describe = <T extends string>(value: T | { rule: string }) => (typeof value === 'string' ? value : value.rule);

interface Listed {
  folder: string;
  category: string;
  lang: string;
  hosts: string;
  id: string;
  /** "built in", or the config file that adds the row. */
  from: string;
}

function listed(registry: Registry): Listed[] {
  const builtIn = SOURCES.map((row) => ({ folder: row.folder, category: describe(row.category), lang: describe(row.lang), hosts: row.hosts.source, id: describeId(row), from: 'built in' }));
  const site = (registry.config.sources ?? []).map((row) => ({
    folder: row.folder,
    category: row.categories === '*' ? '* (any)' : (row.categories ?? [row.folder]).join(', '),
    lang: (row.langs ?? ['any language of the site']).join(', '),
    hosts: (row.hosts ?? []).join(', ') || '(none: a folder for --folder and validate)',
    id: row.idPattern ? `from the URL /${row.idPattern}/` : "the page's own id, else md5(title + date)",
    from: registry.configFile ?? CONFIG_NAME,
  }));
  return [...site, ...builtIn];
}

export function sourcesJson(registry: Registry): string {
  return JSON.stringify(listed(registry), null, 2) + '\n';
}

export function sourcesTable(registry: Registry): string {
  const all = listed(registry);
  const rows = all.map((r) => [r.folder, r.category, r.lang, r.hosts, r.id, r.from === 'built in' ? r.from : 'config']);
  const header = ['folder', 'category', 'lang', 'hosts', 'id', 'from'];
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const cell = (text: string, i: number) => (text.length > widths[i] ? text.slice(0, widths[i] - 1) + '…' : text.padEnd(widths[i]));
  const line = (r: string[]) => r.map(cell).join('  ').trimEnd();
  const site = all.length - SOURCES.length;
  const footer = `${SOURCES.length} built-in sources${site ? `, ${site} from ${registry.configFile}` : ''}; a site in no row is refused until it is registered (pressclip sources add)`;
  return [line(header), ...rows.map(line), '', footer].join('\n') + '\n';
}

/** This installation's schema file, for `$schema` in a new config. */
function schemaFile(): string | undefined {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schema', 'pressclip.config.schema.json');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * A new config names the schema for editors when pressclip is installed inside the site
 * (node_modules): a path that holds on every clone. Elsewhere the README says what to write.
 */
function newConfig(file: string): SiteConfig {
  const schema = schemaFile();
  const relative = schema && path.relative(path.dirname(file), schema);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? { $schema: `./${relative.split(path.sep).join('/')}` } : {};
}

/**
 * Registers a source in the site's config (the one found, else a new one at the site root),
 * atomically, and in the registry in memory. Says what was done, naming the file (`changed`
 * false: the config held it all already). With `dryRun`, only the registry in memory changes.
 */
export function addSource(registry: Registry, root: string, add: ConfigSource, dryRun = false): { changed: boolean; message: string } {
  const file = registry.configFile ?? path.resolve(root, CONFIG_NAME);
  for (const lang of add.langs ?? []) {
    if (!registry.langs.has(lang)) throw new ConfigError(`${lang} is not a language of the site (${[...registry.langs].join(', ')}): add it to "languages" in ${file} (and to Hugo's languages) first`);
  }
  for (const host of add.hosts ?? []) {
    const holder = (registry.config.sources ?? []).find((r) => r.folder !== add.folder && r.hosts?.includes(host));
    if (holder) throw new ConfigError(`${host} is already a host of source ${holder.folder} in ${file}`);
  }
  // The file as it is now: another process (a batch shard) may have registered something since it was read.
  if (!dryRun && existsSync(file)) registry.replace(readConfig(file), file);
  const creating = !registry.configFile;
  const { config, changes } = mergeSource(creating ? { ...newConfig(file), ...registry.config } : registry.config, add);
  const problem = configProblem(config);
  if (problem) throw new ConfigError(`${file}: ${problem}`);
  const shown = path.relative(process.cwd(), file) || file;
  if (!changes.length) return { changed: false, message: `${add.folder}: already registered in ${shown}` };
  if (!dryRun) writeConfig(file, config);
  registry.replace(config, dryRun && creating ? undefined : file);
  const where = creating ? `${shown} (${dryRun ? 'would create it' : 'created'} at the site root ${path.dirname(file)})` : shown;
  return { changed: true, message: `${dryRun ? 'would register' : 'registered'} ${add.folder} in ${where}: ${changes.join('; ')}` };
}
