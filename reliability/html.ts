// Hostile and broken HTML, imported as saved pages by the real command line: each must
// end with a post that validates, or with one clear error and nothing written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emptyRow, inParallel, isClearError, noteEnding, ROOT, runCli, seeded, type Row } from './harness.js';

interface Case {
  kind: string;
  name: string;
  bytes: Buffer;
}

/** Real saved pages of the fixtures, the material most cases are cut from: the Tencent ones, and one of each other site. */
function realPages(): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  const html = (folder: string) => readdirSync(folder).filter((n) => n.endsWith('.html')).sort();
  for (const dir of ['tencent/real', 'tencent/assembled']) {
    const folder = path.join(ROOT, 'fixtures', dir);
    for (const name of html(folder)) out.push({ name, bytes: readFileSync(path.join(folder, name)) });
  }
  const pages = path.join(ROOT, 'fixtures/pages');
  for (const site of readdirSync(pages, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const name = html(path.join(pages, site))[0];
    if (name) out.push({ name, bytes: readFileSync(path.join(pages, site, name)) });
  }
  return out;
}

const page = (body: string, head = '<title>Fuzzed page</title>') => Buffer.from(`<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`);
const prose = '<p>' + 'An ordinary sentence of an article, long enough to count as a body. '.repeat(12) + '</p>';

export function htmlCases(seed = 1): Case[] {
  const random = seeded(seed);
  const pages = realPages();
  const cases: Case[] = [];
  for (const p of pages) {
    // Cut anywhere: inside a tag, an attribute, a script, a multi-byte character.
    for (let i = 0; i < 3; i++) cases.push({ kind: 'truncated', name: `${p.name}@${i}`, bytes: p.bytes.subarray(0, Math.floor(random() * p.bytes.length)) });
    // Invalid UTF-8: lone continuation bytes, overlong starts, 0xff, NUL.
    const broken = Buffer.from(p.bytes);
    for (let i = 0; i < 200; i++) broken[Math.floor(random() * broken.length)] = [0x80, 0xc0, 0xff, 0xfe, 0x00, 0xed][i % 6];
    cases.push({ kind: 'invalid UTF-8', name: `${p.name}+bytes`, bytes: broken });
  }
  const deep = 100_000;
  cases.push(
    { kind: 'deep nesting', name: 'divs', bytes: page(`<article>${prose}${'<div>'.repeat(deep)}deep text${'</div>'.repeat(deep)}</article>`) },
    { kind: 'deep nesting', name: 'unclosed', bytes: page(`${prose}${'<div><span>'.repeat(deep)}never closed`) },
    { kind: 'deep nesting', name: 'inline', bytes: page(`<article><p>${'<b><i>'.repeat(deep)}bold italic${'</i></b>'.repeat(deep)}</p>${prose}</article>`) },
    { kind: 'deep nesting', name: 'lists', bytes: page(`<article>${prose}${'<ul><li>'.repeat(deep)}item</article>`) },
    { kind: 'deep nesting', name: 'tables', bytes: page(`<article>${prose}${'<table><tr><td>'.repeat(20_000)}cell</article>`) },
    { kind: 'enormous attributes', name: 'img-src', bytes: page(`<article>${prose}<img src="https://x.test/${'a'.repeat(5_000_000)}.jpg"></article>`) },
    { kind: 'enormous attributes', name: 'meta-content', bytes: page(`<article>${prose}</article>`, `<title>T</title><meta property="og:image" content="${'b'.repeat(3_000_000)}"><meta property="og:title" content="${'c'.repeat(1_000_000)}">`) },
    { kind: 'enormous attributes', name: 'unterminated', bytes: page(`<article>${prose}<a href="${'d'.repeat(2_000_000)}`) },
    { kind: 'enormous attributes', name: 'many', bytes: page(`<article>${prose}<div ${Array.from({ length: 200_000 }, (_, i) => `a${i}="x"`).join(' ')}>text</div></article>`) },
    { kind: 'wrong charset', name: 'gbk-declared-utf8', bytes: Buffer.concat([Buffer.from('<html><head><meta charset="utf-8"><title>'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xb1, 0xea, 0xcc, 0xe2]), Buffer.from(`</title></head><body><article>${prose}</article></body></html>`)]) },
    { kind: 'wrong charset', name: 'utf16-declared-utf8', bytes: Buffer.from(`<html><head><meta charset="utf-8"><title>UTF-16</title></head><body>${prose}</body></html>`, 'utf16le') },
    { kind: 'wrong charset', name: 'unknown-charset', bytes: page(`<article>${prose}</article>`, '<meta charset="x-no-such-charset"><title>Unknown charset</title>') },
    { kind: 'wrong charset', name: 'latin1-declared-gbk', bytes: Buffer.concat([Buffer.from('<html><head><meta charset="gbk"><title>caf'), Buffer.from([0xe9, 0xe9, 0xe9]), Buffer.from(`</title></head><body><article>${prose}</article></body></html>`)]) },
    { kind: 'garbage', name: 'empty', bytes: Buffer.alloc(0) },
    { kind: 'garbage', name: 'whitespace', bytes: Buffer.from(' \n\t '.repeat(1000)) },
    { kind: 'garbage', name: 'binary', bytes: Buffer.from(Array.from({ length: 1 << 20 }, () => Math.floor(random() * 256))) },
    { kind: 'garbage', name: 'tag-soup', bytes: Buffer.from(Array.from({ length: 50_000 }, () => ['<', '>', '</', '<p', '"', "'", '=', '&', '&#', ';', 'x', ' ', '<!--', '-->', '<script>', '</script>'][Math.floor(random() * 16)]).join('')) },
    { kind: 'huge page', name: '50MB', bytes: page(prose.repeat(Math.ceil(50_000_000 / prose.length))) },
    { kind: 'huge page', name: '9MB', bytes: page(`<article>${prose.repeat(Math.ceil(9_000_000 / prose.length))}</article>`, '<title>Nine megabytes</title>') },
  );
  return cases;
}

export async function runHtmlFuzz(seed = 1): Promise<Row> {
  const row = emptyRow('hostile HTML (saved pages)');
  const work = mkdtempSync(path.join(tmpdir(), 'pressclip-fuzz-'));
  const site = path.join(work, 'site');
  mkdirSync(site);
  try {
    const cases = htmlCases(seed);
    const results = await inParallel(cases, 2, async (c) => {
      const file = path.join(work, `${c.kind.replace(/\W+/g, '-')}-${c.name.replace(/\W+/g, '-')}.html`);
      writeFileSync(file, c.bytes);
      const url = `https://fuzz.example.com/${encodeURIComponent(c.kind)}/${encodeURIComponent(c.name)}`;
      // From the site root, so that the path printed is relative to it.
      const ran = await runCli(['import', file, '--url', url, '--root', '.', '--register', '--date-fallback', 'fetch-time'], { cwd: site });
      rmSync(file);
      return { c, file, ran };
    });
    for (const { c, file, ran } of results) {
      row.tried++;
      const label = `${c.kind} ${c.name}`;
      if (!noteEnding(row, ran, label)) continue;
      if (ran.code === 0) {
        const written = path.join(site, ran.stdout.trim());
        if (existsSync(written) && ran.stdout.trim().split('\n').length === 1) row.ok++;
        else {
          row.damaged++;
          row.problems.push(`no post: ${label} exited 0 and wrote "${ran.stdout.trim()}"`);
        }
      } else if (isClearError(ran, file)) row.handled++;
      else {
        row.crashes++;
        row.problems.push(`unclear failure: ${label}: ${ran.stderr.slice(0, 300)}`);
      }
    }
    // Every post written must be a valid post of the archive. The folders are those the
    // pages chose (fuzz.example.com's, or a site adapter's by fingerprint): the site names them.
    if (existsSync(path.join(site, 'content'))) {
      const folders = readdirSync(path.join(site, 'content')).flatMap((lang) => readdirSync(path.join(site, 'content', lang, 'news')));
      writeFileSync(path.join(site, 'pressclip.config.json'), JSON.stringify({ sources: [...new Set(folders)].map((folder) => ({ folder, categories: '*' })) }));
      const check = await runCli(['validate', path.join(site, 'content'), '--format', 'json'], { cwd: site });
      const report = JSON.parse(check.stdout || '[]') as { filePath: string; errorCount: number; messages: { ruleId: string }[] }[];
      for (const f of report.filter((f) => f.errorCount)) {
        row.damaged++;
        row.problems.push(`invalid post ${path.relative(site, f.filePath)}: ${f.messages.map((m) => m.ruleId).join(', ')}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return row;
}
