// The command as it runs: tsc's output (dist/src) bundled into dist/bundle, one module for
// the command line and one for each kind of worker thread, with the code they share in
// chunks and each command's modules in chunks of their own (cli.ts imports them when the
// command runs). Node then reads a handful of files at start instead of 120-odd small
// modules (the HTML parser and its selector engine alone are 60): `pressclip import` of
// one page started in about a third of the time (README, Benchmark). Source maps beside
// each file lead stack traces back to src/ under `node --enable-source-maps`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const OUT = 'dist/bundle';
rmSync(OUT, { recursive: true, force: true });
await build({
  // The workers keep their file names: pool.ts and validate/pool.ts start them by those, beside themselves.
  entryPoints: { cli: 'dist/src/cli.js', 'pool-worker': 'dist/src/pool-worker.js', worker: 'dist/src/validate/worker.js' },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // The CommonJS packages bundled (undici, turndown) require Node's own modules.
  banner: { js: "import { createRequire as __pressclipRequire } from 'node:module'; const require = __pressclipRequire(import.meta.url);" },
  logLevel: 'warning',
});
