// Progress on stderr: a redrawn bar on a terminal, plain lines every few seconds elsewhere.

export interface Counts {
  done: number;
  imported: number;
  skipped: number;
  failed: number;
}

const clock = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
};

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly tty: boolean,
    private readonly total: number | undefined,
    private readonly write: (text: string) => void = (t) => process.stderr.write(t),
  ) {}

  /** The status line: done/total, rate, ETA, failures. */
  line(c: Counts): string {
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0 ? c.done / elapsed : 0;
    const of = this.total !== undefined ? `/${this.total}` : '';
    const eta = this.total !== undefined && rate > 0 ? ` ETA ${clock((this.total - c.done) / rate)}` : '';
    return `${c.done}${of} done, ${rate.toFixed(1)}/s${eta}, ${c.imported} imported, ${c.skipped} skipped, ${c.failed} failed`;
  }

  update(c: Counts, force = false): void {
    const now = Date.now();
    const every = this.tty ? 100 : 10_000;
    if (!force && now - this.lastDraw < every) return;
    this.lastDraw = now;
    if (!this.tty) {
      this.write(`progress: ${this.line(c)}\n`);
      return;
    }
    const width = 24;
    const filled = this.total ? Math.min(width, Math.round((c.done / this.total) * width)) : 0;
    const bar = this.total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
    this.write(`\r\u001b[K${bar}${this.line(c)}`);
    this.drawn = true;
  }

  /** A message above the bar. */
  message(text: string): void {
    if (this.tty && this.drawn) this.write('\r\u001b[K');
    this.write(text.endsWith('\n') ? text : `${text}\n`);
    this.drawn = false;
  }

  finish(): void {
    if (this.tty && this.drawn) this.write('\r\u001b[K');
    this.drawn = false;
  }
}
