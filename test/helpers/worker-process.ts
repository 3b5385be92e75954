import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { waitUntil } from './wait.js';

const root = join(import.meta.dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote so far (JSON log lines). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `cookiepay-worker <command>` in a child process (through tsx) and waits until it says it started. */
export const spawnCli = async (
  args: string[],
  env: Record<string, string>,
  readyText = 'worker started',
  timeoutMs = 20_000,
): Promise<WorkerProcess> => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/bin/cookiepay-worker.ts'), ...args],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  try {
    await waitUntil(
      () => {
        if (output.includes(readyText)) return true;
        if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
        return false;
      },
      { timeoutMs, intervalMs: 50, message: `"${readyText}" in its output` },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(
      `cookiepay-worker ${args.join(' ')} did not start: ${(error as Error).message}\n${output}`,
    );
  }
  return { child, output: () => output, exited };
};
