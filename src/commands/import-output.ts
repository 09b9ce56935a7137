// One renderer per output format for import outcomes, and the exit code as a pure function.
import path from 'node:path';
import { forTerminal } from '../cli/escape.js';
import { red, yellow } from '../cli/style.js';
import type { Outcome } from './import.js';

/** Paths as the shell can use them: relative to the current folder, or absolute (--absolute). */
export interface PathStyle {
  root: string;
  absolute: boolean;
}

/** A path relative to the site root, as printed. */
export function shownPath(style: PathStyle, relative: string): string {
  const full = path.resolve(style.root, relative);
  return style.absolute ? full : path.relative(process.cwd(), full).split(path.sep).join('/') || '.';
}

export interface Lines {
  stdout?: string;
  stderr?: string;
}

/** Text: data (paths, or the post itself) on stdout; registrations, skips and errors on stderr. */
export function renderText(o: Outcome, style: PathStyle): Lines {
  const note = o.registered ? `${o.registered}\n` : '';
  switch (o.status) {
    case 'printed':
      return { stdout: o.post!.text, stderr: note };
    case 'written':
    case 'overwritten':
      return { stdout: `${shownPath(style, o.path!)}\n`, stderr: note };
    case 'would-write':
      // A dry batch plans a URL or a saved page without reading it: where it goes is known at run time.
      if (o.path) return { stdout: `would write ${shownPath(style, o.path)}\n`, stderr: note };
      return { stdout: /^https?:/i.test(o.input) ? `would fetch ${o.url}\n` : `would read ${o.input}\n`, stderr: note };
    case 'skipped':
      return { stderr: `${note}${yellow('skipped')} ${forTerminal(o.input)}: already in the archive as ${forTerminal(shownPath(style, o.existing!))} (--force to overwrite)\n` };
    case 'failed':
      return { stderr: `${red('error')} ${forTerminal(o.input)}: ${forTerminal(o.error ?? 'failed')}\n` };
  }
}

/** JSON Lines: one object per input with the extracted fields, or the error; `path` as printed, and the site `root`. */
export function renderJson(o: Outcome, style: PathStyle): Lines {
  const p = o.post;
  const record = {
    input: o.input,
    url: o.url ?? null,
    status: o.status,
    path: o.path ? shownPath(style, o.path) : null,
    root: shownPath(style, '.'),
    existing: o.existing ? shownPath(style, o.existing) : null,
    error: o.error ?? null,
    registered: o.registered ?? null,
    ...(p && {
      link: p.link,
      title: p.fields.title,
      date: p.fields.date,
      summary: p.fields.summary,
      category: p.fields.category,
      lang: p.fields.lang,
      thumbnail: p.fields.thumbnail,
      extractor: p.extractor,
      warnings: p.warnings,
      ...(o.status === 'printed' && { text: p.text }),
    }),
  };
  return { stdout: JSON.stringify(record) + '\n' };
}

/** 0 when every input ended well (a skip is not a failure), 1 when any failed. */
export const importExitCode = (outcomes: readonly Pick<Outcome, 'status'>[]) => (outcomes.some((o) => o.status === 'failed') ? 1 : 0);
