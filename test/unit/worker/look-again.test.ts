import { describe, expect, it } from 'vitest';
import { decideFailure } from '../../../src/worker/failure-policy.js';
import {
  LookAgainError,
  lookAgainDelayMs,
  maxLookAgainMs,
  minLookAgainMs,
} from '../../../src/worker/look-again.js';

describe('lookAgainDelayMs', () => {
  const receivedAt = 1_000_000;
  const window = 300_000;

  it('waits longer the longer it has waited, between the bounds', () => {
    expect(lookAgainDelayMs(receivedAt, receivedAt, window)).toBe(minLookAgainMs);
    expect(lookAgainDelayMs(receivedAt, receivedAt + 2_000, window)).toBe(2_000);
    expect(lookAgainDelayMs(receivedAt, receivedAt + 8_000, window)).toBe(8_000);
    expect(lookAgainDelayMs(receivedAt, receivedAt + 200_000, window)).toBe(maxLookAgainMs);
  });

  it('lands the last look on the end of the window, and stops after it', () => {
    expect(lookAgainDelayMs(receivedAt, receivedAt + window - 500, window)).toBe(500);
    expect(lookAgainDelayMs(receivedAt, receivedAt + window, window)).toBeUndefined();
    expect(lookAgainDelayMs(receivedAt, receivedAt + window + 1, window)).toBeUndefined();
    expect(lookAgainDelayMs(receivedAt, receivedAt, 0)).toBeUndefined();
  });

  it('makes about a dozen looks over the default five minutes', () => {
    let now = receivedAt;
    let looks = 0;
    for (;;) {
      const delay = lookAgainDelayMs(receivedAt, now, window);
      if (delay === undefined) break;
      now += delay;
      looks += 1;
    }
    expect(looks).toBeGreaterThan(8);
    expect(looks).toBeLessThan(16);
  });
});

describe('LookAgainError in the failure policy', () => {
  it('is a poll with its own delay and code, on any attempt, using none', () => {
    const ctx = {
      kind: 'notification' as const,
      attemptsMade: 4,
      maxAttempts: 5,
      now: 0,
      addedAt: 0,
      pollIntervalMs: 30_000,
      pollTimeoutMs: 1,
      rateLimitPauseMs: 5_000,
    };
    expect(decideFailure(new LookAgainError('EA01', 'not paid yet', 4_000), ctx)).toEqual({
      type: 'poll',
      code: 'EA01',
      message: 'not paid yet',
      delayMs: 4_000,
    });
  });
});
