import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeWithDeadline } from '../../../src/main/close-with-deadline.js';
import { sleep } from '../../helpers/wait.js';

describe('closeWithDeadline (real timers)', () => {
  it("is 'graceful' when the graceful close ends in time, and never forces", async () => {
    const forced = vi.fn(async () => {});
    await expect(closeWithDeadline(() => sleep(5), forced, 200)).resolves.toBe('graceful');
    expect(forced).not.toHaveBeenCalled();
  });

  it("is 'forced' when the graceful close is too slow, and runs the forced close", async () => {
    const forced = vi.fn(async () => {});
    await expect(closeWithDeadline(() => sleep(200), forced, 20)).resolves.toBe('forced');
    expect(forced).toHaveBeenCalledOnce();
  });
});

describe('closeWithDeadline (fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits exactly until the deadline before forcing', async () => {
    vi.useFakeTimers();
    const forced = vi.fn(async () => {});
    const outcome = closeWithDeadline(() => new Promise<void>(() => {}), forced, 1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(forced).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toBe('forced');
    expect(forced).toHaveBeenCalledOnce();
  });

  it('waits for the forced close before resolving', async () => {
    vi.useFakeTimers();
    let forcedDone = false;
    const outcome = closeWithDeadline(
      () => new Promise<void>(() => {}),
      async () => {
        await sleep(500);
        forcedDone = true;
      },
      100,
    );
    let settled = false;
    void outcome.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(300);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    expect(forcedDone).toBe(true);
    expect(settled).toBe(true);
  });

  it('leaves no timer behind after a graceful close', async () => {
    vi.useFakeTimers();
    await expect(
      closeWithDeadline(
        async () => {},
        async () => {},
        30_000,
      ),
    ).resolves.toBe('graceful');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes on a failed graceful close without forcing, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const forced = vi.fn(async () => {});
    await expect(
      closeWithDeadline(() => Promise.reject(new Error('close failed')), forced, 30_000),
    ).rejects.toThrow('close failed');
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(forced).not.toHaveBeenCalled();
  });

  it('passes on a failed forced close', async () => {
    vi.useFakeTimers();
    const outcome = closeWithDeadline(
      () => new Promise<void>(() => {}),
      () => Promise.reject(new Error('force failed')),
      10,
    );
    const assertion = expect(outcome).rejects.toThrow('force failed');
    await vi.advanceTimersByTimeAsync(10);
    await assertion;
  });
});
