import { describe, expect, it } from 'vitest';
import {
  effectiveAttempts,
  type RetryPolicy,
  retryDelayMs,
  withRetryDefaults,
  workerBackoffType,
} from '../../../src/worker/retry-policy.js';

const policy: RetryPolicy = { attempts: 5, backoffMs: 1_000, maxBackoffMs: 60_000 };

describe('effectiveAttempts', () => {
  it("is the worker's attempts for a job added without any (not BullMQ's 1)", () => {
    expect(effectiveAttempts({}, policy)).toBe(5);
    expect(effectiveAttempts({ attempts: undefined }, policy)).toBe(5);
  });

  it('counts attempts below 1 as not given (BullMQ treats 0 like 1)', () => {
    expect(effectiveAttempts({ attempts: 0 }, policy)).toBe(5);
    expect(effectiveAttempts({ attempts: -1 }, policy)).toBe(5);
  });

  it('is the attempts the job gave', () => {
    expect(effectiveAttempts({ attempts: 1 }, policy)).toBe(1);
    expect(effectiveAttempts({ attempts: 12 }, policy)).toBe(12);
  });

  it('is what withRetryDefaults fills in', () => {
    for (const attempts of [undefined, 0, 1, 3]) {
      expect(withRetryDefaults({ attempts }, policy).attempts).toBe(effectiveAttempts({ attempts }, policy));
    }
  });
});

describe('withRetryDefaults', () => {
  it('fills in attempts and the worker backoff when the job gave none', () => {
    expect(withRetryDefaults({}, policy)).toEqual({
      attempts: 5,
      backoff: { type: 'cookiepay', delay: 1_000 },
    });
    expect(workerBackoffType).toBe('cookiepay');
  });

  it('keeps the other job options', () => {
    const opts: { jobId: string; priority: number; attempts?: number } = { jobId: 'order-1', priority: 3 };
    expect(withRetryDefaults(opts, policy)).toEqual({
      jobId: 'order-1',
      priority: 3,
      attempts: 5,
      backoff: { type: 'cookiepay', delay: 1_000 },
    });
    expect(opts).toEqual({ jobId: 'order-1', priority: 3 });
  });

  it('treats undefined attempts as not given', () => {
    expect(withRetryDefaults({ attempts: undefined }, policy).attempts).toBe(5);
  });

  it('keeps attempts the job gave', () => {
    expect(withRetryDefaults({ attempts: 2 }, policy).attempts).toBe(2);
  });

  it.each([
    ['a number', 250],
    ['an exponential backoff', { type: 'exponential', delay: 500 }],
    ['a fixed backoff', { type: 'fixed', delay: 100 }],
  ])('keeps the backoff the job gave (%s)', (_label, backoff) => {
    expect(withRetryDefaults({ backoff }, policy).backoff).toEqual(backoff);
  });

  it('uses the policy backoff when the job gave only attempts', () => {
    expect(withRetryDefaults({ attempts: 3 }, policy)).toEqual({
      attempts: 3,
      backoff: { type: 'cookiepay', delay: 1_000 },
    });
  });
});

describe('retryDelayMs', () => {
  const lowest = () => 0;
  const highest = () => 0.999_999_999;

  it('waits half the exponential delay when random() is 0', () => {
    expect(retryDelayMs(1, 1_000, 60_000, lowest)).toBe(500);
    expect(retryDelayMs(2, 1_000, 60_000, lowest)).toBe(1_000);
    expect(retryDelayMs(3, 1_000, 60_000, lowest)).toBe(2_000);
  });

  it('waits (almost) the full exponential delay when random() approaches 1', () => {
    expect(retryDelayMs(1, 1_000, 60_000, highest)).toBe(1_000);
    expect(retryDelayMs(2, 1_000, 60_000, highest)).toBe(2_000);
    expect(retryDelayMs(4, 1_000, 60_000, highest)).toBe(8_000);
  });

  it('stays within [half, full] of base·2^(n−1)', () => {
    for (let retry = 1; retry <= 6; retry += 1) {
      const full = 1_000 * 2 ** (retry - 1);
      for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999]) {
        const delay = retryDelayMs(retry, 1_000, 1_000_000, () => r);
        expect(delay).toBeGreaterThanOrEqual(full / 2);
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
  });

  it('grows with the retry number', () => {
    const delays = [1, 2, 3, 4, 5].map((retry) => retryDelayMs(retry, 1_000, 1_000_000, () => 0.5));
    expect(delays).toEqual([750, 1_500, 3_000, 6_000, 12_000]);
  });

  it('never waits more than maxBackoffMs', () => {
    expect(retryDelayMs(20, 1_000, 60_000, highest)).toBe(60_000);
    expect(retryDelayMs(20, 1_000, 60_000, lowest)).toBe(30_000);
    for (let retry = 1; retry <= 40; retry += 1) {
      expect(retryDelayMs(retry, 1_000, 60_000, highest)).toBeLessThanOrEqual(60_000);
    }
  });

  it('treats retry 0 like the first retry and never returns less than 1 ms', () => {
    expect(retryDelayMs(0, 1_000, 60_000, lowest)).toBe(500);
    expect(retryDelayMs(1, 1, 60_000, lowest)).toBe(1);
  });

  it('uses Math.random by default, within the bounds', () => {
    for (let i = 0; i < 50; i += 1) {
      const delay = retryDelayMs(3, 1_000, 60_000);
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });
});
