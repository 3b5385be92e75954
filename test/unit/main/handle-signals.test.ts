import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/config/logger.js';
import { handleSignals } from '../../../src/main/handle-signals.js';

const logger = createLogger({ level: 'silent' });
const signal = 'SIGUSR2' as const;

const deferred = () => {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/** Emits the signal as Node does: the handler gets the signal's name. */
const raise = () => process.emit(signal, signal);

const removers: (() => void)[] = [];
const install = (shutdown: (s: NodeJS.Signals) => Promise<void>) => {
  const exit = vi.fn<(code: number) => void>();
  removers.push(handleSignals({ logger, shutdown, exit, signals: [signal] }));
  return exit;
};

afterEach(() => {
  for (const remove of removers.splice(0)) remove();
});

describe('handleSignals', () => {
  it('on the first signal shuts down, then exits 0', async () => {
    const closing = deferred();
    const shutdown = vi.fn(() => closing.promise);
    const exit = install(shutdown);

    raise();
    expect(shutdown).toHaveBeenCalledWith(signal);
    await Promise.resolve();
    expect(exit).not.toHaveBeenCalled();

    closing.resolve();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(exit).toHaveBeenCalledOnce();
  });

  it('exits 1 when the shutdown fails', async () => {
    const exit = install(() => Promise.reject(new Error('redis gone')));
    raise();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(exit).toHaveBeenCalledOnce();
  });

  it('exits 1 at once on a second signal while stopping, without a second shutdown', () => {
    const shutdown = vi.fn(() => new Promise<void>(() => {}));
    const exit = install(shutdown);
    raise();
    expect(exit).not.toHaveBeenCalled();
    raise();
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(shutdown).toHaveBeenCalledOnce();
  });

  it('listens only to the given signals, and the remover takes its handler off', () => {
    const before = process.listenerCount(signal);
    const beforeTerm = process.listenerCount('SIGTERM');
    const shutdown = vi.fn(async () => {});
    const exit = vi.fn<(code: number) => void>();
    const remove = handleSignals({ logger, shutdown, exit, signals: [signal] });
    expect(process.listenerCount(signal)).toBe(before + 1);
    expect(process.listenerCount('SIGTERM')).toBe(beforeTerm);
    remove();
    expect(process.listenerCount(signal)).toBe(before);
    raise();
    expect(shutdown).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
  });
});
