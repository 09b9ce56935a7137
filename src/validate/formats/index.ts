// The output formats of validate, by name: one renderer each, from the report to the text.
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderSarif } from './sarif.js';
import { renderStylish } from './stylish.js';
import type { RenderOptions, Report } from '../report.js';

export const FORMATS = {
  stylish: renderStylish,
  json: renderJson,
  github: renderGithub,
  sarif: renderSarif,
  junit: renderJunit,
  gitlab: renderGitlab,
} as const satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof FORMATS;
