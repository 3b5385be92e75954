/** Resolves after `ms` milliseconds: for a deliberate pause (a late duplicate would show up now), not for polling. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface WaitOptions {
  /**
   * What is waited for, as the error puts it: `timed out after 5000 ms waiting for <message>`. A function is called
   * at the timeout, so it can tell the state things were left in (`3 results (found 1)`).
   */
  message: string | (() => string | Promise<string>);
  timeoutMs: number;
  /** Pause between two checks; default 50 ms. */
  intervalMs?: number;
}

type Reached<T> = Exclude<T, undefined | null | false>;

/**
 * Checks `condition` until it returns something other than `undefined`, `null` or `false`, and resolves with that
 * value. Rejects once `timeoutMs` has passed, with a message saying what it waited for; an error thrown by
 * `condition` rejects at once.
 */
export const waitUntil = async <T>(
  condition: () => T | Promise<T>,
  { message, timeoutMs, intervalMs = 50 }: WaitOptions,
): Promise<Reached<T>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== null && value !== false) return value as Reached<T>;
    if (Date.now() > deadline) {
      const what = typeof message === 'string' ? message : await message();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(intervalMs);
  }
};
