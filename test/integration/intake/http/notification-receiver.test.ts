import Fastify from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type NotificationRecord, notificationJobId } from '../../../../src/contract/notification-job.js';
import type { HttpSettings } from '../../../../src/intake/http/http-deps.js';
import {
  notificationAnswer,
  notificationPath,
  registerNotificationRoute,
} from '../../../../src/intake/http/notification-route.js';
import { createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';

const body = (tid: string) => `{"TID":"${tid}","AMOUNT":"1000"}`;

describe('http: the notification receiver (no worker): what it stores, whom it limits, whom it refuses', () => {
  let h: HttpHarness;

  const appWith = (settings: Partial<HttpSettings> = {}) => h.app(settings);
  const post = (
    app: Awaited<ReturnType<typeof appWith>>,
    payload: string,
    options: { from?: string; headers?: Record<string, string> } = {},
  ) =>
    app.inject({
      method: 'POST',
      url: notificationPath,
      payload,
      headers: options.headers ?? {},
      remoteAddress: options.from ?? '127.0.0.1',
    });
  const stored = async (payload: string) =>
    (await h.queues.notifications.getJob(notificationJobId(payload)))?.data as NotificationRecord | undefined;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
  });
  beforeEach(async () => {
    await h.queues.notifications.obliterate({ force: true });
  });
  afterAll(async () => h.close());

  it('stores any content type, or none, as the raw text with its content type, source and time', async () => {
    const app = await appWith();
    const cases: [string, Record<string, string>][] = [
      [body('CT-JSON'), { 'content-type': 'application/json; charset=utf-8' }],
      ['TID=CT-FORM&AMOUNT=1000', { 'content-type': 'application/x-www-form-urlencoded' }],
      [body('CT-NONE'), {}],
      [body('CT-TEXT'), { 'content-type': 'text/plain' }],
      [body('CT-BAD'), { 'content-type': 'not a media type;;' }],
      ['', { 'content-type': 'application/json' }],
    ];
    for (const [payload, headers] of cases) {
      const before = Date.now();
      const response = await post(app, payload, { headers, from: '203.0.113.9' });
      expect(response.statusCode, payload).toBe(200);
      expect(response.body).toBe(notificationAnswer);
      expect(await stored(payload)).toEqual({
        rawBody: payload,
        contentType: headers['content-type'] ?? null,
        receivedAt: expect.any(String),
        sourceAddress: '203.0.113.9',
      });
      expect(Date.parse((await stored(payload))?.receivedAt ?? '')).toBeGreaterThanOrEqual(before - 1);
    }
    const names = (await h.queues.notifications.getJobs(['wait'])).map((job) => job.name).sort();
    expect(names).toEqual(['approval', 'approval', 'approval', 'approval', 'approval', 'unreadable']);
  });

  it('limits each source address on its own: 429 with Retry-After past the limit, another address unaffected', async () => {
    const app = await appWith({ notificationRatePerMinute: 3 });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await post(app, body(`RL-A-${i}`), { from: '198.51.100.1' }));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 429, 429]);
    expect(Number(answers[3]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(answers[3]?.json()).toMatchObject({ error: 'RATE_LIMITED' });
    expect(await stored(body('RL-A-3'))).toBeUndefined();
    const other = await post(app, body('RL-B-0'), { from: '198.51.100.2' });
    expect(other.statusCode).toBe(200);
    expect(await stored(body('RL-B-0'))).toBeDefined();
  });

  it('with an allowlist: 403 and nothing stored from outside, 200 from inside (IPv4 and IPv6), not rate-limited', async () => {
    const app = await appWith({
      notificationAllowedSources: ['203.0.113.0/24', '2001:db8::/32'],
      notificationRatePerMinute: 2,
    });
    const outside = await post(app, body('AL-OUT'), { from: '198.51.100.7' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ error: 'FORBIDDEN' });
    expect(await stored(body('AL-OUT'))).toBeUndefined();
    expect((await post(app, body('AL-OUT6'), { from: '2001:db9::1' })).statusCode).toBe(403);
    for (let i = 0; i < 4; i++)
      expect((await post(app, body(`AL-IN-${i}`), { from: '203.0.113.50' })).statusCode).toBe(200);
    expect((await post(app, body('AL-IN6'), { from: '2001:db8::7' })).statusCode).toBe(200);
    expect((await post(app, body('AL-MAPPED'), { from: '::ffff:203.0.113.8' })).statusCode).toBe(200);
    expect(await h.queues.notifications.count()).toBe(6);
  });

  it('takes the source from X-Forwarded-For only through a proxy named in HTTP_TRUST_PROXY', async () => {
    const settings = { notificationAllowedSources: ['203.0.113.0/24'] };
    const forwarded = { 'x-forwarded-for': '203.0.113.77' };
    const direct = await appWith(settings);
    expect((await post(direct, body('TP-0'), { from: '10.0.0.1', headers: forwarded })).statusCode).toBe(403);
    const proxied = await appWith({ ...settings, trustProxy: ['10.0.0.0/8'] });
    expect((await post(proxied, body('TP-1'), { from: '10.0.0.1', headers: forwarded })).statusCode).toBe(
      200,
    );
    expect((await stored(body('TP-1')))?.sourceAddress).toBe('203.0.113.77');
    // A client that is not the proxy cannot name itself a source.
    expect((await post(proxied, body('TP-2'), { from: '198.51.100.9', headers: forwarded })).statusCode).toBe(
      403,
    );
  });

  it('answers 503 when the notification could not be stored, and never 200', async () => {
    const app = Fastify();
    await registerNotificationRoute(app, {
      queue: {
        add: async () => {
          throw new Error('Connection is closed.');
        },
      },
      bodyLimitBytes: 1_024,
    });
    const response = await app.inject({ method: 'POST', url: notificationPath, payload: body('DOWN') });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: 'UNAVAILABLE' });
    await app.close();
  });
});
