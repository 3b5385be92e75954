import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isCookiePayError } from '../../../../src/cookiepay/errors.js';
import { createAccountRateGate } from '../../../../src/cookiepay/rate-gate/account-rate-gate.js';

describe('the account rate gate (a schedule in Redis)', () => {
  let redis: Redis;
  const prefix = `t${randomUUID().slice(0, 8)}`;
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('spaces calls evenly: never more than max in any window, from several gates sharing Redis', async () => {
    const gates = [1, 2, 3].map(() =>
      createAccountRateGate({
        redis,
        keyPrefix: `${prefix}-a`,
        max: 10,
        durationMs: 500,
        waitingEndpoints: ['/x'],
      }),
    );
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        await gates[i % 3]?.acquire('/x');
        times.push(performance.now());
      }),
    );
    times.sort((a, b) => a - b);
    for (let i = 10; i < times.length; i++) {
      expect((times[i] as number) - (times[i - 10] as number)).toBeGreaterThanOrEqual(500);
    }
    // 25 calls at 10 per 520 ms (4% margin): about 1.2 s, not much more.
    expect((times.at(-1) as number) - (times[0] as number)).toBeLessThan(1_600);
  });

  it('refuses a call whose turn is beyond the horizon, saying how long to wait', async () => {
    const gate = createAccountRateGate({
      redis,
      keyPrefix: `${prefix}-b`,
      max: 2,
      durationMs: 1_000,
      horizonMs: 600,
    });
    // Slots at 0, 520 and 1,040 ms: the third is beyond the 600 ms horizon.
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => gate.acquire('/api/urlcert')));
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(1);
    const error: unknown = refused[0]?.reason;
    expect(isCookiePayError(error) && error.code).toBe('RATE_LIMITED');
    expect(isCookiePayError(error) && error.retryAfterMs).toBeGreaterThan(300);
  });

  it('throttle (a 429) holds every caller back for the time asked', async () => {
    const gate = createAccountRateGate({
      redis,
      keyPrefix: `${prefix}-c`,
      max: 100,
      durationMs: 1_000,
      horizonMs: 2_000,
    });
    await gate.throttle(400);
    const started = performance.now();
    await gate.acquire('/urlpay/request');
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('at high limits reserves several slots per round trip, still never more than max in any window', async () => {
    let reservations = 0;
    // 400 per 500 ms: slots 1.3 ms apart, leases valid 5 ms (a quarter of the margin), so up to 3 slots each.
    const gates = [1, 2, 3].map(() =>
      createAccountRateGate({
        redis,
        keyPrefix: `${prefix}-e`,
        max: 400,
        durationMs: 500,
        horizonMs: 5_000,
        onReserve: () => {
          reservations += 1;
        },
      }),
    );
    const calls = 1_200;
    const times: number[] = [];
    let next = 0;
    // 60 lanes, each calling as soon as its previous call was let go (like a worker at concurrency 60).
    await Promise.all(
      Array.from({ length: 60 }, async (_, lane) => {
        for (let i = next++; i < calls; i = next++) {
          await gates[lane % 3]?.acquire('/x');
          times.push(performance.now());
        }
      }),
    );
    times.sort((a, b) => a - b);
    let busiest = 0;
    for (let first = 0, last = 0; last < times.length; last++) {
      while ((times[last] as number) - (times[first] as number) >= 500) first++;
      busiest = Math.max(busiest, last - first + 1);
    }
    expect(busiest).toBeLessThanOrEqual(400);
    // 1,200 calls at 400 per 520 ms: about 1.56 s.
    expect((times.at(-1) as number) - (times[0] as number)).toBeLessThan(2_100);
    expect(reservations).toBeLessThan(calls * 0.7);
  });

  /** A gate on its own schedule that counts its reservations and the slots they held. */
  const countingGate = (name: string, max: number) => {
    const reserved = { slots: 0, reservations: 0 };
    const gate = createAccountRateGate({
      redis,
      keyPrefix: `${prefix}-${name}`,
      max,
      durationMs: 1_000,
      onReserve: (count) => {
        reserved.slots += count;
        reserved.reservations += 1;
      },
    });
    return { gate, reserved };
  };

  it('reserves one slot per call where slots are further apart than the lease validity', async () => {
    const { gate, reserved } = countingGate('f', 50);
    await Promise.all(Array.from({ length: 10 }, () => gate.acquire('/x')));
    expect(reserved).toEqual({ slots: 10, reservations: 10 });
  });

  it('at a high limit, a process that calls rarely reserves one slot per call and wastes none', async () => {
    const { gate, reserved } = countingGate('h', 10_000);
    for (let i = 0; i < 8; i++) {
      await gate.acquire('/x');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(reserved).toEqual({ slots: 8, reservations: 8 });
  });

  it('a call late within the tolerance leaves the schedule alone', async () => {
    const gate = createAccountRateGate({ redis, keyPrefix: `${prefix}-g`, max: 10, durationMs: 1_000 });
    await gate.acquire('/x');
    const before = await redis.get(`${prefix}-g:{cookiepay-rate}:next`);
    // Margin 40 ms, tolerance 5 ms.
    await gate.late?.('/x', 4.5, 0);
    expect(await redis.get(`${prefix}-g:{cookiepay-rate}:next`)).toBe(before);
  });

  it('a late call keeps the next slot one interval after it left, without adding up', async () => {
    const gate = createAccountRateGate({ redis, keyPrefix: `${prefix}-d`, max: 10, durationMs: 1_000 });
    await gate.acquire('/x');
    for (let i = 0; i < 20; i++) await gate.late?.('/x', 50, 0);
    const next = Number(await redis.get(`${prefix}-d:{cookiepay-rate}:next`));
    const [seconds, micros] = (await redis.time()) as [number | string, number | string];
    const nowUs = Number(seconds) * 1e6 + Number(micros);
    expect((next - nowUs) / 1000).toBeGreaterThan(80);
    expect((next - nowUs) / 1000).toBeLessThanOrEqual(105);
  });
});
