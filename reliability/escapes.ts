// Output that cannot be turned against the reader (issue 10, item 15): strings that drive
// a terminal or forge a line (ESC and C1 sequences, BEL, CR, a newline followed by a
// GitHub workflow command, a bidi override) put where pressclip prints them back: post
// values and file names (validate, stylish and github), a page (inspect), an input's
// name (import), a list line (batch). Any raw control in the output, or a line GitHub
// would take for a command of the page's, is an unexpected message: a crash.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emptyRow, noteEnding, ROOT, runCli, type Ran, type Row } from './harness.js';

const HOSTILE = [
  '\u001b[2J\u001b[H cleared',
  '\u001b]0;retitled\u0007 bell',
  '\u009b31m C1 CSI',
  'line\n::error file=forged.md,line=1::forged',
  'progress 100%\rOK overwritten',
  '\u202eevil.exe reversed',
  'nul \u0000 and del \u007f',
];
/** What a terminal would obey: every control but the line break, and the bidi overrides. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const SEED = readFileSync(path.join(ROOT, 'fixtures/archive-sample/20250209A06L0J.zh-CN.md'), 'utf8');

/** GitHub's format: every line a command of ours, or inside our stop-commands region. */
function forgedLine(stdout: string): string | undefined {
  let token: string | undefined;
  for (const line of stdout.replace(/\n$/, '').split('\n')) {
    if (token) {
      if (line === `::${token}::`) token = undefined;
      continue;
    }
    if (!/^::(error|warning|group|endgroup|stop-commands)\b/.test(line) || /^::error file=forged/.test(line)) return line;
    token = /^::stop-commands::(\w+)$/.exec(line)?.[1];
  }
  return undefined;
}

export async function runOutputEscapes(): Promise<Row> {
  const row = emptyRow('hostile strings printed back (validate, inspect, import, batch)');
  const dir = mkdtempSync(path.join(tmpdir(), 'pressclip-escrel-'));
  const judge = (channel: string, ran: Ran, github = false) => {
    row.tried++;
    if (!noteEnding(row, ran, channel)) return;
    const out = ran.stdout + ran.stderr;
    const raw = RAW.exec(out);
    const forged = github ? forgedLine(ran.stdout) : out.split('\n').find((l) => l.startsWith('::'));
    if (!raw && forged === undefined) return void row.ok++;
    row.crashes++;
    row.problems.push(`${channel}: ${raw ? `a raw U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')} in the output` : `a forged line: ${JSON.stringify(forged)}`}`);
  };
  try {
    // validate: each string in a category value (YAML escapes, as JSON writes them) and in a file name.
    const qq = path.join(dir, 'site/content/zh-CN/news/qq');
    mkdirSync(qq, { recursive: true });
    HOSTILE.forEach((s, i) => {
      const name = `${i}-${s.replace(/[/\u0000]/g, '')}.zh-CN.md`;
      writeFileSync(path.join(qq, name), SEED.replace('categories:\n  - "qq"', `categories:\n  - ${JSON.stringify(`qq ${s}`)}`));
    });
    for (const format of ['stylish', 'github']) {
      const ran = await runCli(['validate', '--format', format], { cwd: path.join(dir, 'site') });
      for (const s of HOSTILE) judge(`validate ${format}: ${JSON.stringify(s)}`, ran, format === 'github');
    }
    for (const s of HOSTILE) {
      // inspect: the string as a page's title, heading and text.
      const page = path.join(dir, `page-${HOSTILE.indexOf(s)}.html`);
      const text = s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      writeFileSync(page, `<!doctype html><html lang="en"><head><title>${text}</title></head><body><article><h1>${text}</h1>${`<p>${text}, in a paragraph long enough to be read as the body of an article by any extractor.</p>`.repeat(5)}</article></body></html>`);
      judge(`inspect: ${JSON.stringify(s)}`, await runCli(['inspect', page, '--url', 'https://news.example.com/a/1']));
      // import: the string as the name of an input that fails.
      const input = path.join(dir, `input-${HOSTILE.indexOf(s)}-${s.replace(/[/\u0000]/g, '')}.html`);
      writeFileSync(input, '<html><body></body></html>');
      judge(`import: ${JSON.stringify(s)}`, await runCli(['import', input, '--url', 'https://news.example.com/a/2', '--root', dir]));
    }
    // batch: each string as a line of a list (malformed, echoed in its failure line).
    const list = path.join(dir, 'list.txt');
    writeFileSync(list, HOSTILE.map((s) => s.replace(/\n/g, ' ')).join('\n') + '\n');
    const ran = await runCli(['batch', list, '--root', dir]);
    for (const s of HOSTILE) judge(`batch: ${JSON.stringify(s)}`, ran);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return row;
}
