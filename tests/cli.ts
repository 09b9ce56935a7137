// Runs the built command line as a user would, in a child process.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { cleanEnv } from '../reliability/harness.js';
import { ROOT } from './helpers.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function pressclip(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(ROOT, 'bin/pressclip.js'), ...args],
      { cwd: options.cwd ?? ROOT, env: { ...cleanEnv(), ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}
