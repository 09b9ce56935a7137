// The extraction worker's pipeline compiled from V8's code cache (src/code-cache.ts): the
// cache only ever saves time. One that is missing, corrupt, from another build or from
// another Node is ignored and replaced; one that cannot be written costs the next start only.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { codeCacheDir } from '../src/code-cache.js';
import { pressclip } from './cli.js';
import { fixture, ROOT } from './helpers.js';

const tempDir = (name: string) => mkdtempSync(path.join(tmpdir(), `pressclip-${name}-`));

/** A CommonJS module as scripts/bundle.mjs writes one: its last line names its cache. */
function bundle(dir: string, key: string, answer = 42): string {
  const file = path.join(dir, 'module.cjs');
  writeFileSync(file, `'use strict';\nconst path = require('node:path');\nexports.answer = () => ${answer};\nexports.dir = path.basename(__dirname);\n\n// code cache key: ${key}\n`);
  return file;
}

const cachesIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.v8'));
const longAgo = new Date('2001-01-01T00:00:00Z');

/**
 * The module loaded, its answer asked and its cache saved, as the extraction worker does,
 * in a worker thread of its own: a fresh V8 isolate, which has compiled nothing yet (one
 * that has takes the code it holds and never looks at the cache).
 */
function load(file: string, cacheDir: string): Promise<{ answer: number; dir: string }> {
  const code = `import(${JSON.stringify(path.join(ROOT, 'dist/src/code-cache.js'))}).then(({ loadCommonJs }) => {
    const loaded = loadCommonJs(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
    const answer = { answer: loaded.exports.answer(), dir: loaded.exports.dir };
    loaded.save();
    require('node:worker_threads').parentPort.postMessage(answer);
  });`;
  return new Promise((resolve, reject) => new Worker(code, { eval: true }).once('message', resolve).once('error', reject));
}

describe('the code cache', () => {
  it('is written after the first work, read by later runs, and left alone while it fits', async () => {
    const dir = tempDir('code');
    const cache = path.join(dir, 'cache');
    const file = bundle(dir, '0123456789abcdef');
    expect(await load(file, cache)).toEqual({ answer: 42, dir: path.basename(dir) });
    const [written] = cachesIn(cache);
    expect(written).toBe(`module.cjs-0123456789abcdef-${process.version}-${process.arch}.v8`);
    // V8 takes it: the next run writes nothing.
    utimesSync(path.join(cache, written), longAgo, longAgo);
    expect(await load(file, cache)).toEqual({ answer: 42, dir: path.basename(dir) });
    expect(statSync(path.join(cache, written)).mtime).toEqual(longAgo);
  });

  it('ignores a corrupt, empty or foreign cache file and replaces it', async () => {
    const dir = tempDir('code');
    const cache = path.join(dir, 'cache');
    const file = bundle(dir, 'fedcba9876543210');
    const name = path.join(cache, `module.cjs-fedcba9876543210-${process.version}-${process.arch}.v8`);
    // A valid cache of another module under the same name (V8 refuses it: another source).
    const other = tempDir('other');
    writeFileSync(path.join(other, 'module.cjs'), `exports.answer = () => ${'1 + '.repeat(50)}1;\n\n// code cache key: fedcba9876543210\n`);
    await load(path.join(other, 'module.cjs'), path.join(other, 'cache'));
    const foreign = readFileSync(path.join(other, 'cache', cachesIn(path.join(other, 'cache'))[0]));
    mkdirSync(cache);
    for (const bad of [Buffer.from('not a code cache'), Buffer.alloc(0), foreign]) {
      writeFileSync(name, bad);
      expect((await load(file, cache)).answer).toBe(42);
      expect(readFileSync(name).equals(bad), `replaced ${bad.length} bytes`).toBe(false);
    }
  });

  it('keeps the caches of the newest four builds', async () => {
    const dir = tempDir('code');
    const cache = path.join(dir, 'cache');
    const keys = ['a', 'b', 'c', 'd', 'e'].map((k) => k.repeat(16));
    for (const [age, key] of keys.entries()) {
      expect((await load(bundle(dir, key, age), cache)).answer).toBe(age);
      // Written one minute after another.
      const written = new Date(Date.parse('2020-01-01T00:00:00Z') + age * 60_000);
      utimesSync(path.join(cache, `module.cjs-${key}-${process.version}-${process.arch}.v8`), written, written);
    }
    // The next write prunes: the oldest goes.
    await load(bundle(dir, 'f'.repeat(16), 5), cache);
    expect(cachesIn(cache).map((name) => name.split('-')[1]).sort()).toEqual(['c', 'd', 'e', 'f'].map((k) => k.repeat(16)));
  });

  it('runs without a cache where none can be written', async () => {
    const dir = tempDir('code');
    const file = bundle(dir, '0123456789abcdef');
    // A directory that cannot be made (under a regular file: refused to root as well).
    writeFileSync(path.join(dir, 'plain'), '');
    expect((await load(file, path.join(dir, 'plain', 'cache'))).answer).toBe(42);
    // A read-only directory (root may write there all the same: then it is used).
    const readOnly = path.join(dir, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    expect((await load(file, readOnly)).answer).toBe(42);
    expect(readdirSync(readOnly).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('lives in the user cache directory', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'pressclip'));
    expect(codeCacheDir({})).toMatch(/\.cache[\\/]pressclip$/);
  });

  it('gives `import` the same post with a cache, without one and with a corrupt one', async () => {
    const home = tempDir('cache-home');
    const page = fixture('tencent/real/gne_qq_20190907A081B0.html');
    const run = (env: NodeJS.ProcessEnv) => pressclip(['import', page, '--stdout'], { env });
    const cold = await run({ XDG_CACHE_HOME: home });
    expect(cold.code).toBe(0);
    const [written] = cachesIn(path.join(home, 'pressclip'));
    expect(written).toMatch(/^pipeline\.cjs-[0-9a-f]+-v\d+\.\d+\.\d+-\w+\.v8$/);
    expect(await run({ XDG_CACHE_HOME: home })).toEqual(cold);
    writeFileSync(path.join(home, 'pressclip', written), 'garbage');
    expect(await run({ XDG_CACHE_HOME: home })).toEqual(cold);
    expect(readFileSync(path.join(home, 'pressclip', written)).length).toBeGreaterThan(1000);
    // No cache directory to be had: the same post.
    writeFileSync(path.join(home, 'file'), '');
    expect(await run({ XDG_CACHE_HOME: path.join(home, 'file') })).toEqual(cold);
    // Under --enable-source-maps the pipeline is required as it is (Node maps its traces).
    expect(await run({ XDG_CACHE_HOME: path.join(home, 'file'), NODE_OPTIONS: '--enable-source-maps' })).toEqual(cold);
  });
});
