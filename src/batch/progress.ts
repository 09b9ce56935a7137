// Progress on stderr: on a terminal one bar, redrawn in place on the last line; elsewhere
// a plain line every 10 seconds (a CI log shows the job is alive). Every other line - a
// failure on stderr, a path written on stdout when stdout is the same terminal - is
// printed above the bar: the bar is cleared, the line written, the bar drawn again below
// it. So no line is glued to the bar and no stale bar is left behind; and the bar is cut to
// the terminal's width, since a bar that wraps leaves its first row behind at each redraw.
//
// Hand-written, not cli-progress or the like: they redraw on a timer, so what reaches the
// terminal depends on timing, and they have no way to print a line above a single bar.

export interface Counts {
  done: number;
  imported: number;
  skipped: number;
  failed: number;
}

/** What Progress writes to, and whether each is a terminal. */
export interface Streams {
  /** stderr, where the bar and the messages go. */
  err: (text: string) => void;
  /** stdout, where the paths go. */
  out: (text: string) => void;
  errTty: boolean;
  /** stdout on a terminal too: its lines share the screen with the bar. */
  outTty: boolean;
  /** The terminal's width now (it may be resized), when known. */
  columns: () => number | undefined;
}

const clock = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
};

const CLEAR_LINE = '\r\u001b[K';
/** A rate measured over less than this says nothing yet: it and the ETA wait for it. */
const RATE_AFTER_MS = 1000;

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  /** The bar on the screen now, if any. */
  private shown: string | undefined;
  private counts: Counts | undefined;

  constructor(
    private readonly streams: Streams,
    private readonly total: number | undefined,
  ) {}

  /** The status line: done/total, rate and ETA (after a second), imported, skipped, failed. */
  line(c: Counts): string {
    const elapsed = Date.now() - this.started;
    const rate = c.done / (elapsed / 1000);
    const of = this.total !== undefined ? `/${this.total}` : '';
    const speed = elapsed >= RATE_AFTER_MS ? `, ${rate.toFixed(1)}/s${this.total !== undefined && rate > 0 ? ` ETA ${clock((this.total - c.done) / rate)}` : ''}` : '';
    return `${c.done}${of} done${speed}, ${c.imported} imported, ${c.skipped} skipped, ${c.failed} failed`;
  }

  /** The bar as it fits the terminal: the graphic left out before the numbers are cut. */
  private bar(c: Counts): string {
    const text = this.line(c);
    const room = Math.max(10, (this.streams.columns() || 80) - 1);
    const width = 24;
    const filled = this.total ? Math.min(width, Math.round((c.done / this.total) * width)) : 0;
    const full = this.total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}` : text;
    return full.length <= room ? full : text.slice(0, room);
  }

  private draw(text: string): void {
    this.streams.err(`${CLEAR_LINE}${text}`);
    this.shown = text;
    this.lastDraw = Date.now();
  }

  update(c: Counts, force = false): void {
    this.counts = c;
    const now = Date.now();
    if (!this.streams.errTty) {
      if (force || now - this.lastDraw >= 10_000) {
        this.lastDraw = now;
        this.streams.err(`progress: ${this.line(c)}\n`);
      }
      return;
    }
    const text = this.bar(c);
    if (text !== this.shown && (force || now - this.lastDraw >= 100)) this.draw(text);
  }

  /** Writes text of whole lines above the bar, then draws the bar again. */
  private above(write: (text: string) => void, text: string, sharesScreen: boolean): void {
    const bar = sharesScreen ? this.shown : undefined;
    if (bar !== undefined) {
      this.streams.err(CLEAR_LINE);
      this.shown = undefined;
    }
    write(text.endsWith('\n') ? text : `${text}\n`);
    if (bar !== undefined && this.counts) this.draw(this.bar(this.counts));
  }

  /** A message on stderr, above the bar. */
  message(text: string): void {
    this.above(this.streams.err, text, true);
  }

  /** Lines of data on stdout: above the bar when stdout is the same terminal, else as they are. */
  output(text: string): void {
    this.above(this.streams.out, text, this.streams.outTty);
  }

  /** Clears the bar: what follows starts on a clean line. */
  finish(): void {
    if (this.shown !== undefined) this.streams.err(CLEAR_LINE);
    this.shown = undefined;
  }
}
