// The command as it runs: tsc's output (dist/src) bundled into dist/bundle. Node then reads
// a handful of files at start instead of 120-odd small modules (the HTML parser and its
// selector engine alone are 60): `pressclip import` of one page started in about a third
// of the time (README, Benchmark). Source maps beside each file lead stack traces back to
// src/ under `node --enable-source-maps`.
//
// - The command line: ES modules, one for the command line and one for validate's worker
//   threads, with the code they share in chunks and each command's modules in chunks of
//   their own (cli.ts imports them when the command runs).
// - The extraction worker (pool-worker.cjs) and the pipeline it runs (pipeline.cjs):
//   CommonJS, which a worker starts sooner, and which node:vm compiles from V8's code cache
//   (src/code-cache.ts). The pipeline's last line is a hash of its content, the name of its
//   cache: a rebuilt pipeline never meets the compiled code of another.
// - pool-start.cjs, which starts those workers: CommonJS, for bin/pressclip.cjs to start
//   the first one at once, and one module for the bin and the pool's ES module alike.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const OUT = 'dist/bundle';
rmSync(OUT, { recursive: true, force: true });
const common = {
  outdir: OUT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  alias: { '@mixmark-io/domino': './scripts/no-domino.cjs' },
};
await build({
  ...common,
  // validate/pool.ts starts its workers by this name, beside itself.
  entryPoints: { cli: 'dist/src/cli.js', worker: 'dist/src/validate/worker.js' },
  splitting: true,
  format: 'esm',
  plugins: [{ name: 'pool-start', setup: (b) => b.onResolve({ filter: /^\.\/pool-start\.js$/ }, () => ({ path: './pool-start.cjs', external: true })) }],
  // The CommonJS packages bundled (undici, turndown) require Node's own modules.
  banner: { js: "import { createRequire as __pressclipRequire } from 'node:module'; const require = __pressclipRequire(import.meta.url);" },
});
await build({ ...common, entryPoints: { 'pool-worker': 'dist/src/pool-worker.js', 'pool-start': 'dist/src/pool-start.js' }, format: 'cjs', outExtension: { '.js': '.cjs' } });
// Of the pipeline, what the worker runs: filing (and node:crypto with it) stays out.
const pipeline = `${OUT}/pipeline.cjs`;
await build({
  ...common,
  stdin: { contents: "export { importedArticle } from './pipeline.js';", resolveDir: 'dist/src', sourcefile: 'pipeline-worker.js' },
  outdir: undefined,
  outfile: pipeline,
  format: 'cjs',
  // A fifth less for the worker to read and hold as a string at every start (the map keeps the lines).
  minifyWhitespace: true,
});
appendFileSync(pipeline, `\n// code cache key: ${createHash('sha256').update(readFileSync(pipeline)).digest('hex').slice(0, 32)}\n`);
