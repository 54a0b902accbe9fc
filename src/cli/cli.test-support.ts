import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// The real command line, spawned as staff run it, for the command line's tests: no server, database or data
// folder leaks in from the environment the tests run in.

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export const cliEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
for (const name of ['DATABASE_URL', 'ONESTOP_DATA_DIR', 'PORT', 'ONESTOP_DEBUG']) delete cliEnv[name];

export type Outcome = { code: number | null; stdout: string; stderr: string };

/** Starts `onestop ARGS`; the caller writes to its standard input and waits with `finished`. */
export function startOnestop(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['bin/onestop.js', ...args], { cwd: projectRoot, env: cliEnv, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** What a started command printed, and its exit code, once it has ended. */
export function finished(child: ChildProcess): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `onestop ARGS` to the end, with `input` on its standard input. */
export function runOnestop(args: readonly string[], input = ''): Promise<Outcome> {
  const child = startOnestop(args);
  const outcome = finished(child);
  child.stdin?.end(input);
  return outcome;
}
