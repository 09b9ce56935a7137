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
export function pressclip(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string | Buffer; timeoutMs?: number; fileSizeLimit?: number } = {}): Promise<Run> {
  const command = options.fileSizeLimit === undefined ? [process.execPath] : ['prlimit', `--fsize=${options.fileSizeLimit}`, process.execPath];
  return new Promise((resolve) => {
    const child = execFile(
      command[0],
      [...command.slice(1), path.join(ROOT, 'bin/pressclip.cjs'), ...args],
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

/**
 * validate's stylish output (a file name, then its indented `line:col  severity  message  rule`
 * rows) as one line per problem, `file:line:col severity message rule`, for tests that look
 * for a problem; the summary stays the last line. tests/validate-formats.test.ts checks the
 * layout itself.
 */
export function problemLines(stdout: string): string {
  let file = '';
  const out: string[] = [];
  for (const line of stdout.split('\n')) {
    const row = /^ +(\d+):(\d+) +(error|warning) +(.*?) +(\S+)$/.exec(line);
    if (row) out.push(`${file}:${row[1]}:${row[2]} ${row[3]} ${row[4]} ${row[5]}`);
    else if (line.startsWith('\u2716 ') || / checked: no problems/.test(line)) out.push(line.replace(/^\u2716 /, ''));
    else if (line) file = line;
  }
  return out.join('\n') + '\n';
}

/** validate --format json (ESLint's shape: every file checked, absolute paths) as the files with problems, by their path from `root`. */
export function problemFiles(stdout: string, root: string): { file: string; errorCount: number; messages: { ruleId: string; severity: 1 | 2 }[] }[] {
  const results = JSON.parse(stdout) as { filePath: string; errorCount: number; messages: { ruleId: string; severity: 1 | 2 }[] }[];
  return results.filter((r) => r.messages.length).map((r) => ({ ...r, file: path.relative(root, r.filePath).split(path.sep).join('/') }));
}
