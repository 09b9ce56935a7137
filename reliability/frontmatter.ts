// Front matter of hostile size and shape (issue 10, item 14): each shape generated at two
// sizes under the cap (read, in time that grows linearly) and at two far over it (one
// error, in time that grows no faster than the file), then all of them in one validate
// run beside a real post, whose result must survive them. Time is the process's CPU time
// (on a machine shared with other work, wall time measures the others too), over loops
// long enough for the clock, the least of three.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Registry } from '../src/sources.js';
import { MAX_FRONT_MATTER } from '../src/post/schema.js';
import { readFrontMatter } from '../src/validate/frontmatter.js';
import { checkPost } from '../src/validate/rules.js';
import { readSource } from '../src/validate/source.js';
import { emptyRow, noteEnding, ROOT, runCli, type Row } from './harness.js';

const SEED = readFileSync(path.join(ROOT, 'fixtures/archive-sample/20250209A06L0J.zh-CN.md'), 'utf8');

/** Each shape: the lines to put in a front matter, about `n` characters of them. */
const SHAPES: Record<string, (n: number) => string> = {
  'plain keys': (n) => lines(n, (i) => `k${i}: ${i}`),
  'quoted keys': (n) => lines(n, (i) => `k${i}: "v"`),
  'one key repeated': (n) => lines(n, () => 'k: 1'),
  'flow mapping keys': (n) => `x: {${lines(n, (i) => `k${i}`, ', ')}}`,
  'nested flow lists': (n) => `x: ${'['.repeat(Math.min(n / 2, 500))}${']'.repeat(Math.min(n / 2, 500))}${' '.repeat(Math.max(0, n - 1000))}`,
  'aliases': (n) => `a: &a [1, 2]\nb: [${lines(n, () => '*a', ', ')}]`,
  'long title': (n) => `title: "${'题'.repeat(n)}"`,
  'escapes in a title': (n) => `title: "${'\\"\\\\'.repeat(n / 4)}"`,
  'control characters': (n) => `title: "${'\u0001\u001b'.repeat(n / 2)}"`,
};

function lines(n: number, line: (i: number) => string, join = '\n'): string {
  const out: string[] = [];
  for (let i = 0, size = 0; size < n; i++) {
    out.push(line(i));
    size += out[out.length - 1].length + join.length;
  }
  return out.join(join);
}

const postWith = (shape: string) => SEED.replace('---\n', `---\n${shape}\n`);
const allowed = Registry.load();

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The CPU time of validate's reading and rules on one post, in ms: the least of three loops of at least 50 ms. */
function timeCheck(text: string): number {
  const bytes = Buffer.from(text);
  const once = () => {
    const source = readSource(bytes);
    checkPost({ file: '/site/content/zh-CN/news/qq/x.zh-CN.md', ending: source.ending, fm: readFrontMatter(source.head), allowed, now: '2030-01-01 00:00:00' });
  };
  const loop = (times: number) => {
    const started = cpuMs();
    for (let i = 0; i < times; i++) once();
    return cpuMs() - started;
  };
  let times = 1;
  while (loop(times) < 50) times *= 2;
  return Math.min(loop(times), loop(times), loop(times)) / times;
}

export async function runFrontMatterShapes(): Promise<Row> {
  const row = emptyRow('front matter of hostile size and shape (validate)');
  // Four times the size under the cap (the largest still read), eight times over it.
  const under = Math.floor((MAX_FRONT_MATTER.chars - 1000) / 4);
  const sizes = [
    { n: under, m: under * 4, label: 'under the cap' },
    { n: 500_000, m: 4_000_000, label: 'over the cap' },
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'pressclip-fmrel-'));
  const qq = path.join(dir, 'content/zh-CN/news/qq');
  mkdirSync(qq, { recursive: true });
  try {
    for (const [name, make] of Object.entries(SHAPES)) {
      for (const { n, m, label } of sizes) {
        row.tried++;
        const [small, large] = [postWith(make(n)), postWith(make(m))];
        // Linear growth: at most twice the ratio of the sizes (quadratic would be its square: 16
        // or 64). A machine busy with other work can spoil one measure: a failure is measured
        // again, up to three times; a real quadratic fails all three.
        const allowedRatio = (2 * m) / n;
        let ratio = Infinity;
        for (let attempt = 0; attempt < 3 && ratio > allowedRatio; attempt++) ratio = Math.min(ratio, timeCheck(large) / timeCheck(small));
        if (ratio > allowedRatio) {
          row.hangs++;
          row.problems.push(`superlinear: ${name} ${label}: ${n} -> ${m} characters took ${ratio.toFixed(1)}x the time (at most ${allowedRatio}x)`);
        } else row.handled++;
        writeFileSync(path.join(qq, `${name.replace(/\W+/g, '-')}-${label.replace(/\W+/g, '-')}.zh-CN.md`), large);
      }
    }
    // One run over all of them: nothing ends it, each file too big is one error, and the real post is still checked.
    writeFileSync(path.join(qq, '20250209A06L0J.zh-CN.md'), SEED.replace('date: "2025-02-09', 'date: "2025-02-31'));
    const ran = await runCli(['validate', '--format', 'json', 'content'], { cwd: dir, limitMs: 120_000 });
    if (noteEnding(row, ran, 'validate over every shape')) {
      const report = JSON.parse(ran.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
      const real = report.find((f) => f.filePath.endsWith('20250209A06L0J.zh-CN.md'));
      const over = report.filter((f) => f.filePath.includes('over-the-cap'));
      if (ran.code !== 1 || real?.messages.map((m) => m.ruleId).join() !== 'date-invalid' || over.length !== Object.keys(SHAPES).length || over.some((f) => f.messages.length !== 1 || f.messages[0].ruleId !== 'frontmatter-size')) {
        row.crashes++;
        row.problems.push(`validate over every shape: exit ${ran.code}, the real post's result ${JSON.stringify(real?.messages)}, ${over.length} files over the cap`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return row;
}
