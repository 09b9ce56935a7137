// The batch journal: one JSON line per finished input, appended as it happens, so that
// a rerun (after an interrupt, a crash or kill -9) skips what is done and retries the rest.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../inputs.js';
import { systemReason } from '../regular-file.js';
import { LineSplitter } from './lines.js';

export type JournalStatus = 'written' | 'overwritten' | 'skipped' | 'failed' | 'malformed';

export interface JournalRecord {
  key: string;
  input: string;
  status: JournalStatus;
  path?: string;
  error?: string;
  at: string;
}

export const DONE: ReadonlySet<JournalStatus> = new Set(['written', 'overwritten', 'skipped']);

/** A record holds one input (a URL, at most a list line) and a one-line error: far below this. */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * An output of the run (journal, failed list, report) that cannot be written: the run does
 * not start. A usage error (exit 2), as a list that does not exist is: nothing was tried, and
 * the command as given cannot run; exit 1 would read as "some inputs failed".
 */
export class OutputError extends UsageError {}

/** Why a file cannot be written, in words. */
export function cannotWrite(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    EISDIR: 'it is a directory',
    ENOTFILE: 'it is not a regular file',
    ENOTDIR: 'a part of its path is a file, not a folder',
    EEXIST: 'a part of its path is a file, not a folder',
  };
  // The system's own words otherwise, as every other write error says them: "no space left on device (ENOSPC)".
  return words[e.code ?? ''] ?? systemReason(e);
}

export class Journal {
  private fd: number | undefined;
  /** The journal's last line has no newline yet: the next record starts a line of its own. */
  private torn = false;
  /** The last status of each input key, from earlier runs. */
  readonly previous = new Map<string, JournalStatus>();
  /** What was wrong with the journal as read: lines skipped, each with its reason. */
  readonly warnings: string[] = [];

  /**
   * Opens the journal (creating it and its folder) before anything else happens, so that a
   * journal that cannot be written stops the run before the first request; `readOnly` (a dry
   * run) only reads what is there.
   */
  constructor(
    readonly file: string,
    readOnly = false,
  ) {
    let fd: number;
    try {
      if (!readOnly) makeDirsSync(path.dirname(file));
      fd = openSync(file, readOnly ? 'r' : 'a+');
    } catch (error) {
      if (readOnly && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new OutputError(`cannot write the journal ${file}: ${cannotWrite(error)}`);
    }
    const stat = fstatSync(fd);
    // A device (--journal /dev/null: no journal) is written, never read; a FIFO or a socket is neither.
    if (!stat.isFile() && !stat.isCharacterDevice()) {
      closeSync(fd);
      throw new OutputError(`cannot write the journal ${file}: ${cannotWrite({ code: stat.isDirectory() ? 'EISDIR' : 'ENOTFILE' })}`);
    }
    if (stat.isFile()) this.read(fd);
    if (readOnly) closeSync(fd);
    else this.fd = fd;
  }

  private read(fd: number): void {
    const lines = new LineSplitter(MAX_RECORD_BYTES);
    const buffer = Buffer.allocUnsafe(1 << 20);
    let unreadable = 0;
    let first = 0;
    const take = (line: { n: number; text?: string; unterminated: boolean }) => {
      if (line.text === '') return;
      try {
        const record = JSON.parse(line.text ?? '') as JournalRecord;
        if (typeof record.key !== 'string' || typeof record.status !== 'string') throw new Error('not a record');
        this.previous.set(record.key, record.status);
      } catch {
        if (line.unterminated) {
          this.warnings.push(`${this.file}:${line.n}: the last record was cut short (a run killed while writing it): skipped, its input runs again`);
        } else {
          unreadable++;
          first ||= line.n;
        }
      }
    };
    for (let n = readSync(fd, buffer, 0, buffer.length, null); n > 0; n = readSync(fd, buffer, 0, buffer.length, null)) {
      for (const line of lines.push(buffer.subarray(0, n))) take(line);
    }
    for (const line of lines.end()) {
      this.torn = true;
      take(line);
    }
    if (unreadable) this.warnings.push(`${this.file}:${first}: ${unreadable === 1 ? 'an unreadable line' : `${unreadable} unreadable lines (the first here)`} skipped`);
  }

  append(record: Omit<JournalRecord, 'at'>): void {
    if (this.fd === undefined) return;
    // One write per line: a crash leaves at most the last line incomplete, and the next run
    // starts after it on a new line.
    const line = JSON.stringify({ ...record, at: new Date().toISOString() }) + '\n';
    writeSync(this.fd, this.torn ? `\n${line}` : line);
    this.torn = false;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * `mkdir -p` that tells the real reason: Node's recursive mkdir says ENOENT where a
 * read-only file system (EROFS) or a permission (EACCES) stopped it, so the first missing
 * folder is made alone to get its own error.
 */
export function makeDirsSync(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let missing = path.resolve(dir);
    while (!existsSync(path.dirname(missing))) missing = path.dirname(missing);
    mkdirSync(missing);
    throw error;
  }
}
