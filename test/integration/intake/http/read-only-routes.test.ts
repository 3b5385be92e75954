import { readFileSync } from 'node:fs';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { notificationAnswer, notificationPath } from '../../../../src/intake/http/notification-route.js';
import { readOnlyAllowlist, safeMethods } from '../../../../src/intake/http/route-guards.js';
import { basicAuth, boardUser, createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';

const good = basicAuth(boardUser.username, boardUser.password);
const csv = readFileSync(new URL('../../../fixtures/shipments-utf8.csv', import.meta.url));

/** A URL for a route pattern: every parameter and wildcard filled in. */
const urlOf = (pattern: string): string =>
  pattern.replace(/:[A-Za-z]+/g, 'cookiepay-urlpay').replace(/\*$/, 'x');

describe('http: BOARD_READ_ONLY=true refuses every write, route by route, from the registered routes', () => {
  let h: HttpHarness;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
  });
  afterAll(async () => h.close());

  it('answers 405 to every write method of every route but the allowlisted notification receiver', async () => {
    const routes: { method: string; url: string }[] = [];
    const onRoute = (route: RouteOptions) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    };
    let uploads = 0;
    const app = await h.app(
      { boardReadOnly: true },
      {
        upload: async () => {
          uploads += 1;
          throw new Error('must not be reached');
        },
        status: async () => null,
        rejectedCsv: async () => null,
      },
      { onRoute },
    );
    const writes = routes.filter((route) => !safeMethods.includes(route.method));
    // The routes that matter are among them: a new one would be too.
    expect(writes).toEqual(
      expect.arrayContaining([
        { method: 'POST', url: '/batches/shipments' },
        { method: 'POST', url: notificationPath },
        { method: 'PUT', url: '/board/api/queues/:queueName/:jobId/retry' },
      ]),
    );
    expect(writes.length).toBeGreaterThan(10);
    for (const route of writes) {
      if (readOnlyAllowlist.includes(route.url)) continue;
      const response = await app.inject({
        method: route.method as 'POST',
        url: urlOf(route.url),
        headers: { authorization: good, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect({ ...route, status: response.statusCode }).toEqual({ ...route, status: 405 });
    }
    expect(uploads).toBe(0);
    expect(readOnlyAllowlist).toEqual([notificationPath]);
  });

  it('keeps receiving notifications, and reading, under read-only', async () => {
    const app = await h.app({ boardReadOnly: true });
    const kept = await app.inject({
      method: 'POST',
      url: notificationPath,
      payload: '{"TID":"RO0000000001","AMOUNT":"1000"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.body).toBe(notificationAnswer);
    expect(
      (await app.inject({ url: '/board/api/queues', headers: { authorization: good } })).statusCode,
    ).toBe(200);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
