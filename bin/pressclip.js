#!/usr/bin/env node
// The command runs the compiled TypeScript of dist/. A packed package holds it (npm pack builds
// it first); a clone or a git install builds it through `prepare` (npm ci, npm install).
// Without it, one line that says what to do rather than a module-not-found stack.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/src/cli.js', import.meta.url);
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
