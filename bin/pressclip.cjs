#!/usr/bin/env node
// The command runs the bundled build of dist/bundle (scripts/bundle.mjs). A packed package
// holds it (npm pack builds it first); a clone or a git install builds it through `prepare`
// (npm ci, npm install). Without it, one line that says what to do rather than a
// module-not-found stack. CommonJS: Node starts it without its ES module loader, which
// `--version` alone would otherwise wait for.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const bundle = path.join(__dirname, '../dist/bundle');
// `import` and `batch` start their extraction worker first, which then starts while the
// command line loads (src/pool-start.ts), and is ready when the first page comes in. A dry
// run builds nothing.
const builds = args[0] === 'import' || (args[0] === 'batch' && !args.includes('--dry-run'));
if (builds && existsSync(path.join(bundle, 'pool-start.cjs'))) require(path.join(bundle, 'pool-start.cjs')).startEarly(path.join(bundle, 'pool-worker.cjs'));
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Asked by scripts and CI before every run: answered without loading the command line.
  process.stdout.write(`${JSON.parse(readFileSync(path.join(__dirname, '../package.json'), 'utf8')).version}\n`);
} else {
  // Node 22.1 and later keep the compiled code of the modules between runs; the worker
  // threads, started later, find the same cache through the environment.
  const cache = require('node:module').enableCompileCache?.();
  if (cache?.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;
  const cli = path.join(bundle, 'cli.js');
  if (existsSync(cli)) {
    import(require('node:url').pathToFileURL(cli).href)
      .then(({ main }) => main(process.argv))
      .then((code) => {
        process.exitCode = code;
      });
  } else {
    const home = path.join(__dirname, '..');
    process.stderr.write(
      existsSync(path.join(home, 'src/cli.ts'))
        ? `pressclip: not built: run \`npm run build\` in ${home}\n`
        : `pressclip: installed without its compiled code in ${home}: reinstall it (npm install)\n`,
    );
    process.exitCode = 1;
  }
}
