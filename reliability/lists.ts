// The inputs and outputs of `batch` under abuse: lists that can be read only once (a pipe,
// a FIFO), a 600 MB line, a feed over its cap, a journal torn by a kill, and outputs that
// cannot be written. Nothing here needs the network: feed items are converted offline.
import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emptyRow, noteEnding, ROOT, runCli, type Ran, type Row } from './harness.js';

const LIST = ['https://example.com/news/1', '# comment', 'not a url', 'https://example.com/news/2', ''].join('\n');
/** A real crawler feed whose 13 items all become posts. */
const FEED = path.join(ROOT, 'fixtures/feeds/lieyun__list_live.json');
/** Peak memory allowed for reading a list, whatever its lines: the list is never held. */
const LIST_MB = 200;

interface Check {
  label: string;
  ran: Ran;
  /** True when the run ended as it must; a string says what was wrong. */
  verdict: true | string;
  /** A refusal (exit 1 or 2 with its line) rather than a success. */
  refusal?: boolean;
  /** Exit 2 (a usage error) is the expected ending. */
  usage?: boolean;
}

function judge(row: Row, check: Check): void {
  row.tried++;
  if (!noteEnding(row, check.usage && check.ran.code === 2 ? { ...check.ran, code: 1 } : check.ran, check.label)) return;
  if (check.verdict === true) {
    if (check.refusal) row.handled++;
    else row.ok++;
  } else {
    row.crashes++;
    row.problems.push(`${check.label}: ${check.verdict} (exit ${check.ran.code}): ${check.ran.stderr.trim().slice(-300)}`);
  }
}

const planned = (ran: Ran, n: number) => ran.stdout.split('\n').filter((l) => /^would (write|fetch) /.test(l)).length === n;

export async function runListFaults(): Promise<Row> {
  const row = emptyRow('batch lists and journal');
  const work = mkdtempSync(path.join(tmpdir(), 'pressclip-lists-'));
  const site = path.join(work, 'site');
  const dry = ['--dry-run', '--root', site];
  try {
    // A list given as a pipe path (`batch <(cat list)`): read once.
    let ran = await runCli(['batch', '/dev/fd/3', ...dry], { fd3: LIST });
    judge(row, { label: '<(cat list)', ran, verdict: planned(ran, 2) && ran.stderr.includes('/dev/fd/3:3: not an http(s) URL or a file') ? true : 'not every line read', refusal: true });

    // A named FIFO, its writer opening it while pressclip runs.
    const fifo = path.join(work, 'fifo');
    spawnSync('mkfifo', [fifo]);
    const running = runCli(['batch', fifo, ...dry], { limitMs: 60_000 });
    createWriteStream(fifo).on('error', () => undefined).end(LIST);
    ran = await running;
    judge(row, { label: 'named FIFO', ran, verdict: planned(ran, 2) ? true : 'not every line read', refusal: true });

    // One line of 600 MB between two URLs: one malformed input, memory flat.
    const big = path.join(work, 'big.txt');
    const fd = openSync(big, 'w');
    writeSync(fd, 'https://example.com/news/1\nhttps://example.com/');
    const piece = Buffer.alloc(1 << 20, 'a');
    for (let i = 0; i < 600; i++) writeSync(fd, piece);
    writeSync(fd, '\nhttps://example.com/news/3\n');
    closeSync(fd);
    ran = await runCli(['batch', big, ...dry], { limitMs: 180_000 });
    rmSync(big);
    const overlong = ran.stderr.includes(`${big}:2: a line longer than 64 KB (629,145,620 bytes): not a URL`) && planned(ran, 2);
    judge(row, { label: 'a 600 MB line', ran, verdict: !overlong ? 'the line was not reported as malformed' : ran.peakMb > LIST_MB ? `peak ${Math.round(ran.peakMb)} MB (over ${LIST_MB})` : true, refusal: true });

    // A feed over its 32 MB cap: refused unread, not parsed.
    const hugeFeed = path.join(work, 'huge__feed.json');
    writeFileSync(hugeFeed, JSON.stringify({ data: [{ title: 't', link: 'https://example.com/x', description: 'd'.repeat(40 << 20) }] }));
    ran = await runCli(['batch', hugeFeed, ...dry]);
    rmSync(hugeFeed);
    judge(row, { label: 'a 40 MB feed', ran, verdict: ran.code === 1 && ran.stderr.includes(`${hugeFeed}:1: a feed larger than 32 MB`) ? true : 'not refused', refusal: true });

    await tornJournal(row, work);
    await unwritableOutputs(row, work);
    return row;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A kill in the middle of appending a record: the next run warns, redoes that input, and its record is readable. */
async function tornJournal(row: Row, work: string): Promise<void> {
  const root = path.join(work, 'torn');
  const journal = path.join(root, '.pressclip/journal.jsonl');
  const args = ['batch', FEED, '--root', root];
  let ran = await runCli(args);
  judge(row, { label: 'feed batch', ran, verdict: ran.code === 0 && /13 imported/.test(ran.stderr) ? true : 'not 13 imported' });
  // The last record cut in the middle, as a kill while appending it leaves it.
  const whole = readFileSync(journal);
  const lastStart = whole.lastIndexOf(10, whole.length - 2) + 1;
  truncateSync(journal, lastStart + Math.floor((whole.length - lastStart) / 2));
  ran = await runCli(args);
  const lines = readFileSync(journal, 'utf8').split('\n');
  const readable = lines.slice(0, -1).filter((l) => {
    try {
      return Boolean(JSON.parse(l));
    } catch {
      return false;
    }
  }).length;
  const warned = ran.stderr.includes(`${journal}:13: the last record was cut short`);
  judge(row, { label: 'torn journal', ran, verdict: ran.code === 0 && warned && /12 done in an earlier run/.test(ran.stderr) && readable === 13 && lines.length === 15 ? true : `warned ${warned}, ${readable} readable of ${lines.length - 1} lines` });
  ran = await runCli(args);
  judge(row, { label: 'after a torn journal', ran, verdict: ran.code === 0 && /13 done in an earlier run/.test(ran.stderr) ? true : 'the redone input is not journalled' });
}

/** A journal, failed list or report that cannot be written: exit 2 and one line, before anything is done. */
async function unwritableOutputs(row: Row, work: string): Promise<void> {
  const root = path.join(work, 'unwritable');
  const folder = path.join(root, 'folder');
  mkdirSync(folder, { recursive: true });
  const file = path.join(root, 'file');
  writeFileSync(file, '');
  const cases: [string, string[]][] = [
    ['journal is a folder', ['--journal', folder]],
    ['journal under a file', ['--journal', path.join(file, 'journal.jsonl')]],
    ['report is a folder', ['--report', folder]],
    ['failed list under a file', ['--failed-list', path.join(file, 'failed.txt')]],
  ];
  for (const [label, extra] of cases) {
    const ran = await runCli(['batch', FEED, '--root', root, ...extra]);
    const oneLine = /^usage error: cannot write the (journal|report|failed list) .+: .+\n$/.test(ran.stderr);
    judge(row, { label, ran, verdict: ran.code === 2 && oneLine && !existsSync(path.join(root, 'content')) ? true : 'not refused before the run', refusal: true, usage: true });
  }
}
