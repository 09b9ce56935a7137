// The command line: parse arguments, run a command, return the exit code.
import { Command, CommanderError, Option } from 'commander';
import { importAll, type Outcome } from './commands/import.js';
import { importExitCode, renderJson, renderText } from './commands/import-output.js';
import { classifyInput, UsageError, type Input } from './inputs.js';
import { VERSION } from './version.js';
import { red } from './cli/style.js';

const positiveSeconds = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout: expected a number of seconds, got "${value}"`);
  return n;
};

function program(run: (code: number) => void): Command {
  const cli = new Command('pressclip')
    .description('Turn news-article URLs into Markdown posts for a Hugo news archive.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cli
    .command('import')
    .description('import articles from URLs or saved HTML files into the archive')
    .argument('<url-or-file...>', 'http(s) URLs, or saved HTML files')
    .option('--root <dir>', 'the Hugo site root; posts go to <root>/content/...', '.')
    .option('--url <original-url>', 'the original URL of a saved HTML file')
    .option('--stdout', 'print the post instead of writing it', false)
    .option('--dry-run', 'say what would be written, write nothing', false)
    .option('--force', 'overwrite an existing post', false)
    .option('--json', 'JSON Lines on stdout, one object per input', false)
    .addOption(new Option('--timeout <seconds>', 'give up on a page after this long').default(30).argParser(positiveSeconds))
    .action(async (args: string[], opts) => {
      const inputs: Input[] = args.map(classifyInput);
      if (opts.url) {
        if (inputs.length !== 1 || inputs[0].kind !== 'file') throw new UsageError('--url goes with exactly one saved HTML file');
        const url = classifyInput(opts.url);
        if (url.kind !== 'url') throw new UsageError(`--url: expected an http(s) URL, got "${opts.url}"`);
      }
      const outcomes: Outcome[] = [];
      const render = opts.json ? renderJson : renderText;
      for await (const outcome of importAll(inputs, { root: opts.root, url: opts.url, stdout: opts.stdout, dryRun: opts.dryRun, force: opts.force, timeoutMs: opts.timeout * 1000 })) {
        outcomes.push(outcome);
        const lines = render(outcome);
        if (lines.stdout) process.stdout.write(lines.stdout);
        if (lines.stderr) process.stderr.write(lines.stderr);
      }
      run(importExitCode(outcomes));
    });
  return cli;
}

/** Runs the command line; resolves to the exit code (0 ok, 1 some inputs failed, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  try {
    await program((c) => (code = c)).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`${red('usage error')}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${red('error')}: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
  return code;
}
