// A CommonJS bundle compiled from V8's code cache: Node 20 keeps no compiled code between
// runs (module.enableCompileCache came with 22.1, and covers modules its loader loads, not
// a worker's own compile), so every `pressclip import` parsed and compiled the extractor's
// megabyte of code again, and compiled each function the page needed on its first call.
// The cache V8 serialises after the first page holds all of that; later runs deserialise
// it instead (README, Benchmark).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

/** The last line of a bundle scripts/bundle.mjs wrote: a hash of its content, which names its cache. */
const KEY_LINE = /\n\/\/ code cache key: ([0-9a-f]{16,64})\n?$/;

/**
 * Where the caches are kept: the user's cache directory, not the install, which is often
 * read-only (a global install, a container image) and shared by users who must not be
 * able to hand each other compiled code.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'pressclip');
}

export interface CachedModule<T> {
  exports: T;
  /**
   * Writes the cache when there was none or V8 rejected it (another Node, other flags).
   * Called after the module's first work, so that the cache holds the functions that work
   * compiled too. Never throws: a cache that cannot be written costs only the next start.
   */
  save(): void;
}

/**
 * Runs a CommonJS file as `require` would, compiled from the cache in `cacheDir` when one
 * fits. Under --enable-source-maps it is plain `require`, so that Node maps stack traces
 * through the bundle's source map (it does not for code compiled through node:vm).
 */
export function loadCommonJs<T>(file: string, cacheDir: string): CachedModule<T> {
  const require = createRequire(file);
  if (process.sourceMapsEnabled) return { exports: require(file) as T, save: () => undefined };
  const source = readFileSync(file, 'utf8');
  const bundle = path.basename(file);
  const key = KEY_LINE.exec(source.slice(-100))?.[1];
  // Without a key (a bundle not built by scripts/bundle.mjs) it is compiled from source.
  const cacheFile = key === undefined ? undefined : path.join(cacheDir, `${bundle}-${key}-${process.version}-${process.arch}.v8`);
  let cachedData: Buffer | undefined;
  try {
    const read = cacheFile ? readFileSync(cacheFile) : undefined;
    // Node reports an empty one as accepted.
    if (read?.length) cachedData = read;
  } catch {
    // none yet, or unreadable: compiled from source, and written after the first work
  }
  // The wrapper Node's CommonJS loader puts around a module, on the first line so that
  // line numbers stay those of the file.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as T };
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file));
  // Unless V8 took the cache (it says so only of one it was given).
  let wanted = script.cachedDataRejected !== false;
  return {
    exports: module.exports,
    save() {
      if (!wanted || !cacheFile) return;
      wanted = false;
      if (writeAtomically(cacheFile, script.createCachedData())) removeOldBuilds(cacheDir, bundle);
    },
  };
}

/** Whole or not at all (a reader may come at any time); whether it was written. */
function writeAtomically(file: string, data: Buffer): boolean {
  const temp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, file);
    return true;
  } catch {
    forget(temp);
    return false;
  }
}

/**
 * Caches a bundle keeps: a few installs side by side (a global one, a project's, npx's)
 * each keep theirs, while those of builds long replaced (upgrades, rebuilds) go.
 */
const KEPT = 4;

/** Removes the bundle's caches but the newest written. */
function removeOldBuilds(cacheDir: string, bundle: string): void {
  try {
    const caches = readdirSync(cacheDir)
      .filter((name) => name.startsWith(`${bundle}-`) && name.endsWith('.v8'))
      .map((name) => ({ file: path.join(cacheDir, name), written: statSync(path.join(cacheDir, name)).mtimeMs }))
      .sort((a, b) => b.written - a.written);
    for (const { file } of caches.slice(KEPT)) forget(file);
  } catch {
    // kept: they cost disk space only
  }
}

function forget(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // kept: a cache is read by its exact name only
  }
}
