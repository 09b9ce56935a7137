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

/**
 * `timeoutMs` catches a hang: the process is killed and the run ends with code -1.
 * `fileSizeLimit` (bytes) is set on the process by prlimit(1), as `ulimit -f` would.
 */
export function pressclip(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number; fileSizeLimit?: number } = {}): Promise<Run> {
  const command = options.fileSizeLimit === undefined ? [process.execPath] : ['prlimit', `--fsize=${options.fileSizeLimit}`, process.execPath];
  return new Promise((resolve) => {
    const child = execFile(
      command[0],
      [...command.slice(1), path.join(ROOT, 'bin/pressclip.js'), ...args],
      { cwd: options.cwd ?? ROOT, env: { ...cleanEnv(), ...options.env }, maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error?.killed) return resolve({ code: -1, stdout, stderr });
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}
