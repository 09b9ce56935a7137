// The command line: parse arguments, run a command, return the exit code.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { Outcome } from './commands/import.js';
import type { FilingChoices } from './filing.js';
import { classifyInput, shellWord, UsageError, type Input } from './inputs.js';
import { sanitizeSegment } from './post/path.js';
import type { Registry } from './sources.js';
import { VERSION } from './version.js';
import type { Format } from './validate/formats/index.js';

// Each command loads its own modules when it runs: `validate` in CI never pays for the
// HTML parser, the HTTP client and the Markdown converter.
const FORMAT_NAMES: Format[] = ['stylish', 'json', 'github', 'sarif', 'junit', 'gitlab'];
import { forTerminal } from './cli/escape.js';
import { colorOn, red, setColorFlag } from './cli/style.js';

const wholeNumber = (value: string) => {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`expected a whole number, got "${value}"`);
  return Number(value);
};

const positiveWhole = (value: string) => {
  const n = wholeNumber(value);
  if (n < 1) throw new UsageError(`expected a whole number of at least 1, got "${value}"`);
  return n;
};

/** `--zone`: an IANA zone name (Europe/Berlin) or a fixed offset (+02:00), checked by Intl. */
const timeZone = async (value: string | undefined): Promise<string | undefined> => {
  if (value === undefined) return undefined;
  const { isZone } = await import('./date.js');
  if (!isZone(value)) throw new UsageError(`--zone: "${value}" is no time zone (an IANA name such as Europe/Berlin, or an offset such as +02:00)`);
  return value;
};
const ZONE_HELP = "the time zone of the pages' zone-less times (an IANA name such as Europe/Berlin), over the registry's and the page's";

const positiveSeconds = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout: expected a number of seconds, got "${value}"`);
  return n;
};

const TIMEOUT_HELP = 'give up on a page after this long: its request, and then its extraction';
const JOBS_HELP = 'worker threads that extract pages (default: one per core but one, at least one)';

/** The options that say which site import and batch file into, and how they report paths. */
function siteOptions(command: Command): Command {
  return command
    .option('--root <dir>', 'the Hugo site root; posts go to <root>/content/...', '.')
    .option('--config <file>', 'the site config (default: pressclip.config.json, searched from --root upwards)')
    .option('--register', 'register a site, folder, category or language the registry lacks in the config, instead of refusing the article', false)
    .addOption(new Option('--date-fallback <when>', 'date an article that shows no date by the time it was fetched, instead of refusing it').choices(['fetch-time']))
    .option('--absolute', 'print absolute paths (default: relative to the current folder)', false);
}

/** The site's registry and the filing choices common to import and batch, from their options. */
async function openSite(opts: { root: string; config?: string; register: boolean; dateFallback?: 'fetch-time'; lang?: string }): Promise<{ registry: Registry; choices: FilingChoices }> {
  const { ConfigError } = await import('./config.js');
  const { Registry } = await import('./sources.js');
  let registry: Registry;
  try {
    registry = Registry.forSite(opts.root, opts.config);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  if (opts.lang !== undefined && !registry.langs.has(opts.lang)) {
    throw new UsageError(`--lang: "${opts.lang}" is not a language of the site (${[...registry.langs].join(', ')}); a site adds languages in pressclip.config.json ("languages")`);
  }
  const siteArgs = opts.config ? ` --config ${shellWord(opts.config)}` : opts.root !== '.' ? ` --root ${shellWord(opts.root)}` : '';
  const configFile = path.relative(process.cwd(), registry.configFile ?? path.resolve(opts.root, 'pressclip.config.json'));
  return { registry, choices: { register: opts.register, dateFallback: opts.dateFallback, siteArgs, configFile } };
}

/** --color and --no-color on every command, over FORCE_COLOR, NO_COLOR and the terminal test (src/cli/style.ts). */
function colorOptions(cli: Command): Command {
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(cli)) c.option('--color', 'colour the output even when it is not a terminal').option('--no-color', 'never colour the output');
  return cli.hook('preAction', (_, action) => {
    let c: Command | null = action;
    while (c && c.opts().color === undefined) c = c.parent;
    setColorFlag(c?.opts().color);
  });
}

function program(run: (code: number) => void): Command {
  const cli = new Command('pressclip')
    .description('Turn news-article URLs into Markdown posts for a Hugo news archive.')
    .version(VERSION)
    .exitOverride()
    // Options belong to the command they follow (`sources add --root x` is add's --root).
    .enablePositionalOptions()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  siteOptions(
    cli
      .command('import')
      .description('import articles from URLs or saved HTML files into the archive')
      .argument('<url-or-file...>', 'http(s) URLs, saved HTML files, or - for one page on standard input'),
  )
    .option('--url <original-url>', 'the original URL of a saved HTML file (or of the page on standard input)')
    .option('--stdout', 'print the post instead of writing it', false)
    .option('--dry-run', 'say what would be written, write nothing', false)
    .option('--force', 'overwrite an existing post', false)
    .option('--json', 'JSON Lines on stdout, one object per input', false)
    .option('--allow-short', 'import a body too short to be an article (a headline, a stub)', false)
    .option('--folder <name>', 'the archive folder, over the registry')
    .option('--category <name>', 'the category (categories, tags, last line), over the registry')
    .option('--lang <lang>', "the post's language (one of the site's), over the registry or the page")
    .option('--id <id>', 'the file id, over the URL or md5(title + date) (one input only)')
    .option('--no-private', 'refuse loopback, private, link-local and unique-local addresses (redirects and DNS answers included)')
    .addOption(new Option('--timeout <seconds>', TIMEOUT_HELP).default(30).argParser(positiveSeconds))
    .addOption(new Option('--jobs <n>', JOBS_HELP).argParser(positiveWhole))
    .option('--zone <zone>', ZONE_HELP)
    .action(async (args: string[], opts) => {
      const inputs: Input[] = args.map(classifyInput);
      const zone = await timeZone(opts.zone);
      if (opts.id !== undefined && inputs.length !== 1) throw new UsageError('--id names the file of one input only');
      for (const [flag, value] of [['--folder', opts.folder], ['--id', opts.id]] as const) {
        if (value !== undefined && !sanitizeSegment(value)) throw new UsageError(`${flag}: "${value}" leaves no usable file name`);
      }
      if (inputs.filter((i) => i.kind === 'stdin').length > 1) throw new UsageError('- (standard input) holds one page: give it once');
      if (opts.url) {
        if (inputs.length !== 1 || inputs[0].kind === 'url') throw new UsageError('--url goes with exactly one saved HTML file, or -');
        const url = classifyInput(opts.url);
        if (url.kind !== 'url') throw new UsageError(`--url: expected an http(s) URL, got "${opts.url}"`);
      }
      // The worker threads start first: their loading of the extractor overlaps the rest of the start.
      const { startBuilder } = await import('./pool.js');
      const { defaultJobs } = await import('./cores.js');
      const jobs = Math.min(opts.jobs ?? defaultJobs(), inputs.length);
      const builder = startBuilder(jobs, opts.timeout * 1000);
      const { importExitCode, renderJson, renderText } = await import('./commands/import-output.js');
      // Only the statuses are kept: a post and its text go once written and printed.
      const statuses: Pick<Outcome, 'status'>[] = [];
      try {
        const { registry, choices } = await openSite(opts);
        const { importAll } = await import('./commands/import.js');
        const render = opts.json ? renderJson : renderText;
        const paths = { root: opts.root, absolute: opts.absolute };
        const options = {
          root: opts.root,
          url: opts.url,
          stdout: opts.stdout,
          dryRun: opts.dryRun,
          force: opts.force,
          allowShort: opts.allowShort,
          choices: { ...choices, folder: opts.folder, category: opts.category, lang: opts.lang, id: opts.id },
          registry,
          timeoutMs: opts.timeout * 1000,
          noPrivate: !opts.private,
          zone,
        };
        for await (const outcome of importAll(inputs, options, builder.build, jobs)) {
          statuses.push({ status: outcome.status });
          const lines = render(outcome, paths);
          if (lines.stdout) process.stdout.write(lines.stdout);
          if (lines.stderr) process.stderr.write(lines.stderr);
        }
      } finally {
        await builder.close();
      }
      // Saved pages open no connection (and leave fetch.ts unloaded).
      if (inputs.some((i) => i.kind === 'url')) await (await import('./fetch.js')).closeConnections();
      run(importExitCode(statuses));
    });
  siteOptions(
    cli
      .command('batch')
      .description('import many articles from list files (one URL a line, - for standard input) or crawler feeds')
      .argument('<list...>', 'list files, crawler feed files (JSON), or - for standard input'),
  )
    .option('--force', 'overwrite existing posts, and redo inputs done in earlier runs', false)
    .option('--dry-run', 'plan only: no request, nothing written', false)
    .option('--json', 'JSON Lines on stdout, one object per input', false)
    .option('--allow-short', 'import bodies too short to be an article (a headline, a stub)', false)
    .addOption(new Option('--concurrency <n>', 'requests at once, over all hosts').default(8).argParser(positiveWhole))
    .addOption(new Option('--per-host <n>', 'requests at once to one host').default(2).argParser(positiveWhole))
    .addOption(new Option('--min-gap <ms>', 'least time between two requests to one host').default(500).argParser(wholeNumber))
    .addOption(new Option('--retries <n>', 'retries of network errors, timeouts, 5xx, 408 and 429').default(3).argParser(wholeNumber))
    .addOption(new Option('--backoff <ms>', 'the first retry wait, doubled each time (with jitter)').default(1000).argParser(wholeNumber))
    .addOption(new Option('--max-wait <seconds>', 'the longest wait for one retry; a longer Retry-After fails the input').default(120).argParser(positiveSeconds))
    .addOption(new Option('--timeout <seconds>', TIMEOUT_HELP).default(30).argParser(positiveSeconds))
    .addOption(new Option('--jobs <n>', JOBS_HELP).argParser(positiveWhole))
    .option('--journal <file>', 'the journal of outcomes (default: <root>/.pressclip/journal.jsonl)')
    .option('--retry-failed', 'run only the inputs that failed in earlier runs', false)
    .option('--report <file>', 'write a JSON report of the run')
    .option('--failed-list <file>', 'where the failed inputs are listed (default: <root>/.pressclip/failed.txt)')
    .option('--shard <i/n|auto>', "take only the i-th of n deterministic shares of the inputs; auto: the share GitLab's parallel jobs or a Kubernetes indexed Job give")
    .option('--folder <name>', 'the folder of every input: feed items (default: from the feed file path) and URLs (default: the registry)')
    .option('--no-private', 'refuse loopback, private, link-local and unique-local addresses (redirects and DNS answers included)')
    .option('--zone <zone>', ZONE_HELP)
    .action(async (lists: string[], opts) => {
      const zone = await timeZone(opts.zone);
      const { runBatch, batchExitCode } = await import('./commands/batch.js');
      const { defaultJobs } = await import('./cores.js');
      const { parseShard, shardFromEnvironment } = await import('./batch/shard.js');
      const { existsSync, statSync } = await import('node:fs');
      let shard = opts.shard === undefined || opts.shard === 'auto' ? undefined : parseShard(opts.shard);
      if (opts.shard === 'auto') {
        const found = shardFromEnvironment(process.env);
        if ('error' in found) throw new UsageError(`--shard auto: ${found.error}`);
        shard = found.shard;
        process.stderr.write(`shard ${shard.index}/${shard.count}, from ${found.from}\n`);
      }
      if (opts.shard !== undefined && !shard) throw new UsageError(`--shard: expected i/n with 1 <= i <= n, or auto, got "${opts.shard}"`);
      for (const list of lists) {
        if (list !== '-' && !existsSync(list)) throw new UsageError(`${list}: no such file`);
        if (list !== '-' && statSync(list).isDirectory()) throw new UsageError(`${list}: a folder, not a list`);
      }
      const { registry, choices } = await openSite(opts);
      const dir = path.join(opts.root, '.pressclip');
      const summary = await runBatch(
        lists,
        {
          root: opts.root,
          force: opts.force,
          dryRun: opts.dryRun,
          json: opts.json,
          allowShort: opts.allowShort,
          timeoutMs: opts.timeout * 1000,
          noPrivate: !opts.private,
          jobs: opts.jobs ?? defaultJobs(),
          limits: { concurrency: opts.concurrency, perHost: opts.perHost, minGapMs: opts.minGap },
          retry: { retries: opts.retries, baseMs: opts.backoff, maxWaitMs: opts.maxWait * 1000 },
          journal: opts.journal ?? path.join(dir, 'journal.jsonl'),
          retryFailed: opts.retryFailed,
          report: opts.report,
          failedList: opts.failedList ?? path.join(dir, 'failed.txt'),
          shard,
          folder: opts.folder,
          choices: { ...choices, folder: opts.folder },
          registry,
          paths: { root: opts.root, absolute: opts.absolute },
          zone,
        },
        (s) => process.stdout.write(s),
        (s) => process.stderr.write(s),
      );
      await (await import('./fetch.js')).closeConnections();
      run(batchExitCode(summary));
    });

  cli
    .command('validate')
    .description("check posts' front matter against the archive's schema, and their bodies for the archive's Markdown defects")
    .argument('[paths...]', "post files, folders or globs (default: content/); '!glob' leaves out what it matches")
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .addOption(new Option('--max-warnings <n>', 'exit 1 when there are more warnings than this').default(-1).argParser(wholeNumber))
    .option('--fix', "repair what is mechanical (key order, quoting, escaping, list indent, final newline, missing fixed keys) and the body defects whose repair keeps the text", false)
    .option('--config <file>', 'the config file (default: pressclip.config.json, searched upwards)')
    .option('--no-body', 'check the front matter only, not the body rules')
    .addOption(new Option('--jobs <n>', 'threads at most, the main one included (default: one per core but one, at least one; each used only where it pays)').argParser(positiveWhole))
    .action(async (paths: string[], opts) => {
      const { validatePosts } = await import('./commands/validate.js');
      const { ConfigError } = await import('./config.js');
      const { MissingPathError } = await import('./validate/files.js');
      const { validateExitCode } = await import('./validate/report.js');
      const { FORMATS } = await import('./validate/formats/index.js');
      let report;
      try {
        report = await validatePosts(paths, { fix: opts.fix, config: opts.config, body: opts.body, jobs: opts.jobs });
      } catch (error) {
        if (error instanceof MissingPathError || error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      process.stdout.write(FORMATS[opts.format as Format](report, { color: colorOn(process.stdout), maxWarnings: opts.maxWarnings }));
      run(validateExitCode(report, opts.maxWarnings));
    });
  cli
    .command('dedupe')
    .description('keep one post per article link and remove its other copies (see the README for which stays)')
    .argument('[paths...]', 'post files, folders or globs (default: content/)')
    .option('--dry-run', 'print the plan as a git rm script, remove nothing', false)
    .option('--script <file>', 'write the plan as a git rm script to this file, remove nothing')
    .option('--git', 'remove with git rm (in a git work tree), so that the removal is staged', false)
    .option('--json', 'JSON Lines on stdout, one object per article stored more than once', false)
    .action(async (paths: string[], opts) => {
      const { dedupe, dedupeExitCode } = await import('./commands/dedupe.js');
      const { MissingPathError } = await import('./validate/files.js');
      try {
        run(dedupeExitCode(dedupe(paths, { dryRun: opts.dryRun, script: opts.script, git: opts.git, json: opts.json }, (s) => process.stdout.write(s), (s) => process.stderr.write(s))));
      } catch (error) {
        if (error instanceof MissingPathError) throw new UsageError(error.message);
        throw error;
      }
    });
  cli
    .command('inspect')
    .description('show how a page is extracted: the extractor and why, each field with its rule and the candidates that lost, warnings, the Markdown')
    .argument('<url-or-file>', 'an http(s) URL, or a saved HTML file')
    .option('--url <original-url>', 'the original URL of a saved HTML file')
    .option('--json', 'one JSON object', false)
    .option('--no-private', 'refuse loopback, private, link-local and unique-local addresses (redirects and DNS answers included)')
    .addOption(new Option('--timeout <seconds>', 'give up on a page after this long').default(30).argParser(positiveSeconds))
    .option('--zone <zone>', ZONE_HELP)
    .action(async (arg: string, opts) => {
      const input = classifyInput(arg);
      const zone = await timeZone(opts.zone);
      if (opts.url && input.kind === 'url') throw new UsageError('--url goes with a saved HTML file, or -');
      if (opts.url && classifyInput(opts.url).kind !== 'url') throw new UsageError(`--url: expected an http(s) URL, got "${opts.url}"`);
      const { loadInput } = await import('./commands/import.js');
      const { inspectPage, renderInspection } = await import('./commands/inspect.js');
      const { registry } = await openSite({ root: '.', register: false });
      try {
        const inspection = inspectPage(await loadInput(input, { url: opts.url, timeoutMs: opts.timeout * 1000, noPrivate: !opts.private }), registry, { zone });
        process.stdout.write(opts.json ? JSON.stringify(inspection, null, 2) + '\n' : renderInspection(inspection));
        run(0);
      } catch (error) {
        process.stderr.write(`${red('error')} ${forTerminal(arg)}: ${forTerminal((error as Error).message)}\n`);
        run(1);
      } finally {
        await (await import('./fetch.js')).closeConnections();
      }
    });

  const sources = cli
    .command('sources')
    .enablePositionalOptions()
    .description("list the sources registry: the archive's sources and the site config's, with folder, category, language, hosts and how the id is found")
    .option('--json', 'a JSON array', false)
    .option('--root <dir>', 'the Hugo site root', '.')
    .option('--config <file>', 'the site config (default: pressclip.config.json, searched from --root upwards)')
    .action(async (opts) => {
      const { sourcesJson, sourcesTable } = await import('./commands/sources.js');
      const { registry } = await openSite({ ...opts, register: false });
      process.stdout.write(opts.json ? sourcesJson(registry) : sourcesTable(registry));
    });
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  sources
    .command('add')
    .description("register a source in the site's pressclip.config.json (created at --root when there is none)")
    .argument('<folder>', 'the folder under content/<lang>/news/')
    .option('--host <host>', 'a host whose articles go to this folder (with its subdomains); repeatable', collect)
    .option('--lang <lang>', 'a language of its posts (the first is its default); repeatable', collect)
    .option('--category <name>', 'a category of its posts (the first is what import writes; default: the folder name); repeatable', collect)
    .option('--zone <tz>', 'the IANA time zone of its dates written without one')
    .option('--root <dir>', 'the Hugo site root', '.')
    .option('--config <file>', 'the site config (default: pressclip.config.json, searched from --root upwards)')
    .action(async (folder: string, opts) => {
      const { addSource } = await import('./commands/sources.js');
      const { ConfigError } = await import('./config.js');
      const { registry } = await openSite({ ...opts, lang: undefined, register: false });
      const hosts = (opts.host as string[] | undefined)?.map((h) => h.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
      try {
        process.stderr.write(addSource(registry, opts.root, { folder, hosts, langs: opts.lang, categories: opts.category, zone: opts.zone }).message + '\n');
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
    });
  return colorOptions(cli);
}

/** Runs the command line; resolves to the exit code (0 ok, 1 some inputs failed, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  setColorFlag(undefined);
  // Node exits when nothing is left to wait for, even with a command half done (a promise
  // that never settles): that must read as a failure, never as a silent success.
  const unfinished = () => {
    process.stderr.write(`${red('error')}: pressclip stopped before the command finished (work left waiting on nothing); please report this\n`);
    process.exitCode = 1;
  };
  process.once('beforeExit', unfinished);
  try {
    await program((c) => (code = c)).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`${red('usage error')}: ${forTerminal(error.message)}\n`);
      return 2;
    }
    process.stderr.write(`${red('error')}: ${(error as Error).stack ?? error}\n`);
    return 1;
  } finally {
    process.off('beforeExit', unfinished);
  }
  return code;
}
