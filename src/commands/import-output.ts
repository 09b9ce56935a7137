// One renderer per output format for import outcomes, and the exit code as a pure function.
import { forTerminal } from '../cli/escape.js';
import { red, yellow } from '../cli/style.js';
import type { Outcome } from './import.js';

export interface Lines {
  stdout?: string;
  stderr?: string;
}

/** Text: data (paths, or the post itself) on stdout; skips and errors on stderr. */
export function renderText(o: Outcome): Lines {
  switch (o.status) {
    case 'printed':
      return { stdout: o.post!.text };
    case 'written':
    case 'overwritten':
      return { stdout: `${o.path}\n` };
    case 'would-write':
      return { stdout: `would write ${o.path}\n` };
    case 'skipped':
      return { stderr: `${yellow('skipped')} ${forTerminal(o.input)}: already in the archive as ${forTerminal(o.existing ?? '')} (--force to overwrite)\n` };
    case 'failed':
      return { stderr: `${red('error')} ${forTerminal(o.input)}: ${forTerminal(o.error ?? 'failed')}\n` };
  }
}

/** JSON Lines: one object per input with the extracted fields, or the error. */
export function renderJson(o: Outcome): Lines {
  const p = o.post;
  const record = {
    input: o.input,
    url: o.url ?? null,
    status: o.status,
    path: o.path ?? null,
    existing: o.existing ?? null,
    error: o.error ?? null,
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
export const importExitCode = (outcomes: readonly Outcome[]) => (outcomes.some((o) => o.status === 'failed') ? 1 : 0);
