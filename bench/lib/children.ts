import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '..', '..');

/** Every child still running; all are killed at the end of the run, whatever happened. */
const live = new Set<ChildProcess>();

export interface BenchChild {
  name: string;
  process: ChildProcess;
  /** The last few kilobytes it wrote (stdout and stderr), for error messages. */
  tail: () => string;
  /** Resolves once the output contained `text`. */
  waitForText: (text: string, timeoutMs?: number) => Promise<void>;
  /** Resolves with the next IPC message of this `type` (children started with `ipc: true`). */
  waitForMessage: <T extends { type: string }>(type: string, timeoutMs?: number) => Promise<T>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
}

const tailBytes = 8_192;

/** Runs a TypeScript file (through tsx) in a Node child process with exactly `env` (plus PATH). */
export const spawnTs = (
  name: string,
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  { ipc = false, nodeArgs = [] as readonly string[] } = {},
): BenchChild => {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join(projectRoot, script), ...args],
    {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    },
  );
  live.add(child);
  let tail = '';
  const watchers: { text: string; resolve: () => void }[] = [];
  const seen = new Set<string>();
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString();
    const window = tail.slice(-512) + text;
    tail = (tail + text).slice(-tailBytes);
    for (const watcher of [...watchers]) {
      if (window.includes(watcher.text)) {
        seen.add(watcher.text);
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });
  const failIfExited = (what: string) =>
    exited.then(() => {
      throw new Error(`${name} exited (code ${child.exitCode}) before ${what}:\n${tail}`);
    });
  const withTimeout = <T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${name}: no ${what} within ${timeoutMs} ms:\n${tail}`)),
        timeoutMs,
      );
    });
    return Promise.race([promise, timeout, failIfExited(what)]).finally(() => clearTimeout(timer));
  };
  return {
    name,
    process: child,
    tail: () => tail,
    waitForText: (text, timeoutMs = 30_000) => {
      if (seen.has(text) || tail.includes(text)) return Promise.resolve();
      return withTimeout(
        new Promise<void>((resolve) => watchers.push({ text, resolve })),
        timeoutMs,
        `"${text}"`,
      );
    },
    waitForMessage: <T extends { type: string }>(type: string, timeoutMs = 30_000) =>
      withTimeout(
        new Promise<T>((resolve) => {
          const listener = (message: unknown) => {
            if (typeof message === 'object' && message !== null && (message as T).type === type) {
              child.off('message', listener);
              resolve(message as T);
            }
          };
          child.on('message', listener);
        }),
        timeoutMs,
        `message "${type}"`,
      ),
    stop: async (graceMs = 5_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
};

/** Kills every child still running (SIGKILL). Safe to call more than once, and from an exit handler. */
export const killAllChildren = (): number => {
  let killed = 0;
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      killed += 1;
    }
  }
  live.clear();
  return killed;
};

/** Stops the given children (SIGTERM, then SIGKILL), all at once. */
export const stopAll = async (children: readonly BenchChild[]): Promise<void> => {
  await Promise.all(children.map((child) => child.stop()));
};
