// The batch journal: one JSON line per finished input, appended as it happens, so that
// a rerun (after an interrupt, a crash or kill -9) skips what is done and retries the rest.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

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

export class Journal {
  private fd: number | undefined;
  /** The last status of each input key, from earlier runs. */
  readonly previous = new Map<string, JournalStatus>();

  constructor(readonly file: string) {
    if (!existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const record = JSON.parse(line) as JournalRecord;
        this.previous.set(record.key, record.status);
      } catch {
        // A line cut short by a crash: that input simply runs again.
      }
    }
  }

  append(record: Omit<JournalRecord, 'at'>): void {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'a');
    }
    // One write per line: a crash leaves at most the last line incomplete.
    writeSync(this.fd, JSON.stringify({ ...record, at: new Date().toISOString() }) + '\n');
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
