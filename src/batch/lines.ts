// Lines from chunks of bytes, each held in memory only up to a limit: a list or a journal
// of any size, even one line of 600 MB, is read in constant memory.

export type Line =
  | { n: number; text: string; overlong?: undefined; unterminated: boolean }
  /** A line over the limit: only its length is kept. */
  | { n: number; text?: undefined; overlong: number; unterminated: boolean };

export class LineSplitter {
  private parts: Buffer[] = [];
  private held = 0;
  /** Bytes of the current line beyond the limit (then nothing of it is held). */
  private dropped = 0;
  private n = 0;

  constructor(private readonly maxBytes: number) {}

  /** The lines that end in this chunk. */
  *push(chunk: Buffer): Generator<Line> {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.add(chunk.subarray(start, nl));
      yield this.take(false);
      start = nl + 1;
    }
    this.add(chunk.subarray(start));
  }

  /** The last line, when the input does not end with a newline. */
  *end(): Generator<Line> {
    if (this.held || this.dropped) yield this.take(true);
  }

  private add(piece: Buffer): void {
    if (!piece.length) return;
    if (this.dropped || this.held + piece.length > this.maxBytes) {
      this.dropped += this.held + piece.length;
      this.parts = [];
      this.held = 0;
    } else {
      this.parts.push(piece);
      this.held += piece.length;
    }
  }

  private take(unterminated: boolean): Line {
    this.n++;
    const line: Line = this.dropped
      ? { n: this.n, overlong: this.dropped, unterminated }
      : { n: this.n, text: Buffer.concat(this.parts, this.held).toString('utf8').replace(/\r$/, ''), unterminated };
    this.parts = [];
    this.held = 0;
    this.dropped = 0;
    return line;
  }
}
