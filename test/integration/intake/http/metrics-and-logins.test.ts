import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { metricsClosedMessage } from '../../../../src/intake/http/auth.js';
import { basicAuth, boardUser, createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';
import { sleep } from '../../../helpers/wait.js';

const good = basicAuth(boardUser.username, boardUser.password);
const scraper = { metricsUsername: 'prometheus', metricsPassword: 'scrape-secret-1' };

describe('http: /metrics behind its own credentials; failed logins throttled per source address', () => {
  let h: HttpHarness;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
  });
  afterAll(async () => h.close());

  it('asks for METRICS_USERNAME/METRICS_PASSWORD when set (the board credentials do not open it)', async () => {
    const app = await h.app(scraper);
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/metrics', headers: { authorization: good } })).statusCode).toBe(401);
    const ok = await app.inject({
      url: '/metrics',
      headers: { authorization: basicAuth(scraper.metricsUsername, scraper.metricsPassword) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# TYPE cookiepay_jobs_total');
  });

  it('answers 503 saying what to set when only one of the two is set, and anyone when neither is', async () => {
    const half = await h.app({ metricsUsername: 'prometheus' });
    const refused = await half.inject({ url: '/metrics' });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().message).toBe(metricsClosedMessage);
    expect((await (await h.app()).inject({ url: '/metrics' })).statusCode).toBe(200);
  });

  it('slows an address after its failed logins (429 unchecked), never other addresses, never the right password', async () => {
    // 60 failures a minute: past them, one checked attempt a second.
    const app = await h.app({ ...scraper, loginFailuresPerMinute: 60 });
    const attempt = (url: string, authorization: string, from: string) =>
      app.inject({ url, headers: { authorization }, remoteAddress: from });
    const wrong = basicAuth(boardUser.username, 'guess');
    // An operator's many good requests never add up to a limit.
    for (let i = 0; i < 80; i += 1)
      expect((await attempt('/board/api/queues', good, '10.0.0.1')).statusCode).toBe(200);
    for (let i = 0; i < 60; i += 1)
      expect((await attempt('/board/api/queues', wrong, '10.0.0.2')).statusCode).toBe(401);
    // Past the limit, the address has one checked attempt a second: this guess is checked (401)...
    expect((await attempt('/board/api/queues', wrong, '10.0.0.2')).statusCode).toBe(401);
    // ...and until the second is over, whatever it sends is answered 429 unchecked, on every guarded route: a
    // guesser gets no more than one guess a second, and learns nothing from these answers.
    for (const [url, authorization] of [
      ['/board/api/queues', wrong],
      ['/board/api/queues', good],
      ['/metrics', basicAuth(scraper.metricsUsername, scraper.metricsPassword)],
    ] as const) {
      const refused = await attempt(url, authorization, '10.0.0.2');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Other addresses are not affected.
    expect((await attempt('/board/api/queues', good, '10.0.0.1')).statusCode).toBe(200);
    expect((await attempt('/board/api/queues', good, '10.0.0.3')).statusCode).toBe(200);
    expect((await attempt('/board/api/queues', wrong, '10.0.0.3')).statusCode).toBe(401);
    // The right password from the slowed address gets in once its wait is over, and clears it.
    await sleep(1_100);
    expect((await attempt('/board/api/queues', good, '10.0.0.2')).statusCode).toBe(200);
    expect((await attempt('/board/api/queues', wrong, '10.0.0.2')).statusCode).toBe(401);
    expect((await attempt('/board/api/queues', good, '10.0.0.2')).statusCode).toBe(200);
  });
});
