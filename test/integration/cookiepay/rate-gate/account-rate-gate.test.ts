import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isCookiePayError } from '../../../../src/cookiepay/errors.js';
import {
  type AccountRateGateOptions,
  createAccountRateGate,
} from '../../../../src/cookiepay/rate-gate/account-rate-gate.js';
import type { RequestGate } from '../../../../src/cookiepay/request-gate.js';
import { maxInAnyWindow, sustainedRate } from '../../../../src/simulator/request-rate.js';
import { deleteKeys, testPrefix } from '../../../helpers/harness.js';
import { sleep } from '../../../helpers/wait.js';

describe('the account rate gate (a log of departures in Redis)', () => {
  let redis: Redis;
  const prefix = testPrefix();
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    await deleteKeys(redis, `${prefix}*`);
    await redis.quit();
  });

  const gate = (
    name: string,
    options: Partial<AccountRateGateOptions> & { max: number; durationMs: number },
  ) => createAccountRateGate({ redis, keyPrefix: `${prefix}-${name}`, reportDelayMs: 5, ...options });

  /**
   * Runs `calls` calls over `lanes` lanes (each calls again once its previous call left), through the gates in
   * turn; `delayMs(i)` is how long call i takes between its admission and leaving (a stalled event loop, a cold
   * connection). Returns when each call left (performance.now()).
   */
  const drive = async (
    gates: RequestGate[],
    calls: number,
    lanes: number,
    delayMs: (i: number) => number = () => 0,
    endpoint = '/x',
  ) => {
    const departures: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (let i = next++; i < calls; i = next++) {
          const admission = await (gates[lane % gates.length] as RequestGate).acquire(endpoint);
          const delay = delayMs(i);
          if (delay > 0) await sleep(delay);
          departures.push(performance.now());
          admission.left(Date.now());
        }
      }),
    );
    return departures.sort((a, b) => a - b);
  };

  it('never lets more than max leave in any window, from several gates sharing Redis', async () => {
    const gates = [1, 2, 3].map(() => gate('a', { max: 10, durationMs: 500, waitingEndpoints: ['/x'] }));
    const departures = await drive(gates, 35, 12);
    expect(maxInAnyWindow(departures, 500)).toBeLessThanOrEqual(10);
    // 35 calls at 10 per 510 ms: about 1.8 s; not much more.
    expect((departures.at(-1) as number) - (departures[0] as number)).toBeLessThan(2_300);
  });

  it('holds the limit where calls leave late and unevenly after their admission (stalls, cold connections)', async () => {
    const gates = [1, 2, 3].map(() => gate('late', { max: 10, durationMs: 500, waitingEndpoints: ['/x'] }));
    // Every third call leaves 0-300 ms after it was admitted; a schedule of send times would bunch them.
    const departures = await drive(gates, 60, 15, (i) => (i % 3 === 0 ? (i * 37) % 300 : 0));
    expect(maxInAnyWindow(departures, 500)).toBeLessThanOrEqual(10);
  });

  it('keeps the sustained rate near the limit when there is enough work', async () => {
    const gates = [1, 2].map(() => gate('rate', { max: 20, durationMs: 500, waitingEndpoints: ['/x'] }));
    const departures = await drive(gates, 100, 30);
    // Spread one pace (510 ms / 20) apart: 99 intervals of 25.5 ms, 39.2/s of 40.
    expect(sustainedRate(departures)).toBeGreaterThanOrEqual(0.95 * 40);
    expect(maxInAnyWindow(departures, 500)).toBeLessThanOrEqual(20);
  });

  it('spreads calls out instead of letting max leave at once', async () => {
    const departures = await drive([gate('spread', { max: 20, durationMs: 1_000 })], 20, 20);
    expect(maxInAnyWindow(departures, 100)).toBeLessThanOrEqual(3);
  });

  it('counts an admission whose departure is never reported until its TTL (a process that died)', async () => {
    const dead = gate('ttl', { max: 2, durationMs: 200, admissionTtlMs: 600 });
    const firstAdmitted = performance.now();
    await dead.acquire('/x');
    await dead.acquire('/x');
    // Neither reports: the account stays full until the first admission's TTL, not just for a window.
    const alive = gate('ttl', { max: 2, durationMs: 200, horizonMs: 5_000 });
    const admission = await alive.acquire('/x');
    admission.left(Date.now());
    expect(performance.now() - firstAdmitted).toBeGreaterThanOrEqual(590);
  });

  it('refuses a call that would wait beyond the horizon, saying how long to wait', async () => {
    // Window 1,020 ms: the first call goes at once, the second one pace (510 ms) later, the third would wait for
    // the first to leave the window (1,020 ms): beyond the 700 ms horizon.
    const g = gate('b', { max: 2, durationMs: 1_000, horizonMs: 700 });
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map(async () => {
        const admission = await g.acquire('/api/urlcert');
        admission.left(Date.now());
      }),
    );
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    expect(refused).toHaveLength(1);
    const error: unknown = refused[0]?.reason;
    expect(isCookiePayError(error) && error.code).toBe('RATE_LIMITED');
    expect(isCookiePayError(error) && error.retryAfterMs).toBeGreaterThan(300);
  });

  it('throttle (a 429) holds every caller back for the time asked', async () => {
    const g = gate('c', { max: 100, durationMs: 1_000, horizonMs: 2_000 });
    await g.throttle(400);
    const started = performance.now();
    (await g.acquire('/urlpay/request')).left(Date.now());
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('at high limits admits several calls per round trip, still never more than max in any window', async () => {
    let roundTrips = 0;
    const gates = [1, 2, 3].map(() =>
      gate('e', {
        max: 400,
        durationMs: 500,
        horizonMs: 5_000,
        onAdmit: () => {
          roundTrips += 1;
        },
      }),
    );
    const calls = 1_200;
    const departures = await drive(gates, calls, 60);
    expect(maxInAnyWindow(departures, 500)).toBeLessThanOrEqual(400);
    // 1,200 calls at 400 per 510 ms: about 1.53 s.
    expect((departures.at(-1) as number) - (departures[0] as number)).toBeLessThan(2_100);
    expect(roundTrips).toBeLessThan(calls * 0.5);
  });

  /** A gate that counts its admission round trips and what they admitted. */
  const countingGate = (name: string, max: number) => {
    const counted = { admitted: 0, roundTrips: 0 };
    const g = gate(name, {
      max,
      durationMs: 1_000,
      onAdmit: (admitted) => {
        counted.admitted += admitted;
        counted.roundTrips += 1;
      },
    });
    return { gate: g, counted };
  };

  it('admits one call per round trip where the limit is low (nothing held ahead)', async () => {
    const { gate: g, counted } = countingGate('f', 15);
    for (let i = 0; i < 10; i++) (await g.acquire('/x')).left(Date.now());
    expect(counted).toEqual({ admitted: 10, roundTrips: 10 });
  });

  it('at a high limit, a process that calls rarely admits one call per round trip and wastes none', async () => {
    const { gate: g, counted } = countingGate('h', 10_000);
    for (let i = 0; i < 8; i++) {
      (await g.acquire('/x')).left(Date.now());
      await sleep(80);
    }
    expect(counted).toEqual({ admitted: 8, roundTrips: 8 });
  });

  it('a lane keeps its share: a flood through it takes no more than its max, the rest of the account stays free', async () => {
    const account = { max: 10, durationMs: 500, waitingEndpoints: ['/x'] };
    const flood = gate('lane', { ...account, lane: { name: 'notifications', max: 2 } });
    const business = gate('lane', account);
    const floodDepartures: number[] = [];
    const floodDone = (async () => {
      for (let i = 0; i < 6; i++) {
        const admission = await flood.acquire('/x');
        floodDepartures.push(performance.now());
        admission.left(Date.now());
      }
    })();
    const businessDepartures = await drive([business], 8, 8);
    await floodDone;
    // The lane's 2 and the 8 business calls share the first window; the flood's third call waits for the next.
    expect(businessDepartures.at(-1) as number).toBeLessThan(floodDepartures[2] as number);
    expect(maxInAnyWindow(floodDepartures, 500)).toBeLessThanOrEqual(2);
    expect(
      maxInAnyWindow(
        [...floodDepartures, ...businessDepartures].sort((a, b) => a - b),
        500,
      ),
    ).toBeLessThanOrEqual(10);
  });
});
