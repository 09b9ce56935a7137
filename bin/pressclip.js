#!/usr/bin/env node
// The command runs the bundled build of dist/bundle (scripts/bundle.mjs). A packed package
// holds it (npm pack builds it first); a clone or a git install builds it through `prepare`
// (npm ci, npm install). Without it, one line that says what to do rather than a
// module-not-found stack.
import { existsSync, readFileSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Asked by scripts and CI before every run: answered without loading the command line.
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // Node 22.1 and later keep the compiled code of the modules between runs.
  module.enableCompileCache?.();
  const cli = new URL('../dist/bundle/cli.js', import.meta.url);
  if (existsSync(cli)) {
    import(cli.href)
      .then(({ main }) => main(process.argv))
      .then((code) => {
        process.exitCode = code;
      });
  } else {
    const home = fileURLToPath(new URL('..', import.meta.url));
    process.stderr.write(
      existsSync(new URL('../src/cli.ts', import.meta.url))
        ? `pressclip: not built: run \`npm run build\` in ${home}\n`
        : `pressclip: installed without its compiled code in ${home}: reinstall it (npm install)\n`,
    );
    process.exitCode = 1;
  }
}
