import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { type CookiePayQueues, closeQueues, createQueues } from '../../src/contract/create-queues.js';
import {
  approvalNotificationSchema,
  cancelNotificationSchema,
} from '../../src/cookiepay/schemas/notification.js';
import { buildHttpApp } from '../../src/intake/http/build-app.js';
import { notificationPath, parseNotification } from '../../src/intake/http/notification-route.js';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { createRedisConnection } from '../../src/redis/connection.js';
import type { RedisClient } from '../../src/redis/redis-client.js';
import { deleteKeys, testPrefix } from '../helpers/harness.js';
import { nastyAmount, nastyString, nastyValue } from './arbitraries.js';

const validApproval = fc.record(
  {
    API_ID: fc.constant('test-shop'),
    ORDERNO: fc.stringMatching(/^[A-Z0-9]{1,20}$/),
    AMOUNT: fc.oneof(
      fc.integer({ min: 1, max: 9_999_999 }),
      fc.integer({ min: 1, max: 9_999_999 }).map(String),
    ),
    TID: fc.stringMatching(/^[A-Za-z0-9]{1,50}$/),
    BUYERNAME: fc.constantFrom('김하늘', 'Kim'),
    PAY_METHOD: fc.constantFrom('CARD', 'BANK', 'VACCT'),
    ACCEPT_DATE: fc.constant('2025-03-01 12:00:00'),
  },
  { requiredKeys: ['AMOUNT', 'TID'] },
);

const validCancel = fc.record({
  noti_type: fc.constantFrom('cancel', 'deposit_cancel'),
  tid: fc.stringMatching(/^[A-Za-z0-9]{1,50}$/),
  orderno: fc.stringMatching(/^[A-Z0-9]{1,20}$/),
  cancel_amount: fc.integer({ min: 1, max: 99_999 }).map(String),
  cancel_date: fc.constant('20250301120000'),
});

const mutate = (valid: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .tuple(
      valid,
      fc.array(fc.tuple(fc.nat(), fc.oneof(nastyValue, nastyAmount, nastyString)), { maxLength: 3 }),
      fc.array(fc.nat(), { maxLength: 2 }),
    )
    .map(([record, changes, removals]) => {
      const out: Record<string, unknown> = { ...record };
      const keys = Object.keys(out);
      for (const [i, value] of changes) out[keys[i % keys.length] as string] = value;
      for (const i of removals) delete out[keys[i % keys.length] as string];
      return out;
    });

const body: fc.Arbitrary<unknown> = fc.oneof(
  validApproval,
  validCancel,
  mutate(validApproval),
  mutate(validCancel),
  fc.anything(),
  fc.jsonValue(),
  fc.dictionary(fc.string({ maxLength: 10 }), nastyValue, { maxKeys: 8 }),
);

describe('fuzz: notification schemas', () => {
  it('safeParse never throws, whatever the body', () => {
    fc.assert(
      fc.property(body, (value) => {
        expect(() => approvalNotificationSchema.safeParse(value)).not.toThrow();
        expect(() => cancelNotificationSchema.safeParse(value)).not.toThrow();
        const parsed = parseNotification(value);
        if (!parsed.ok) {
          expect(parsed.issues.length).toBeGreaterThan(0);
          for (const issue of parsed.issues) expect(issue.field && issue.reason).toBeTruthy();
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('fuzz: POST /cookiepay/notification', () => {
  let app: FastifyInstance;
  let redis: RedisClient;
  let queues: CookiePayQueues;
  const prefix = testPrefix();
  const bodyLimit = 2_048;

  beforeAll(async () => {
    redis = createRedisConnection(inject('redisUrl'), 'worker');
    queues = createQueues(redis, prefix);
    app = await buildHttpApp({
      queues,
      redis,
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
      settings: {
        boardAuth: 'on',
        boardReadOnly: true,
        notificationBodyLimitBytes: bodyLimit,
        uploadMaxBytes: 1_024 * 1_024,
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await queues.notifications.obliterate({ force: true }).catch(() => {});
    await closeQueues(queues);
    await deleteKeys(redis, `${prefix}:*`);
    await redis.quit();
  });

  it('answers 200, 400 or 413, never a 5xx, to any JSON body, malformed JSON or oversized body', async () => {
    const seen: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 6, arbitrary: body.map((value) => JSON.stringify(value) ?? 'null') },
          { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
          {
            weight: 1,
            arbitrary: fc
              .integer({ min: bodyLimit, max: bodyLimit * 3 })
              .map((n) => JSON.stringify({ TID: 'T1', AMOUNT: '1', MEMO: 'x'.repeat(n) })),
          },
        ),
        async (payload) => {
          const response = await app.inject({
            method: 'POST',
            url: notificationPath,
            headers: { 'content-type': 'application/json; charset=utf-8' },
            payload,
          });
          seen[response.statusCode] = (seen[response.statusCode] ?? 0) + 1;
          expect([200, 400, 413], response.body).toContain(response.statusCode);
        },
      ),
      { numRuns: 300 },
    );
    console.log(`[fuzz] notification statuses: ${JSON.stringify(seen)}`);
  });

  it('a form-encoded or text body is refused with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'application/x-www-form-urlencoded',
          'text/plain',
          'application/xml',
          'multipart/form-data',
        ),
        fc.dictionary(fc.constantFrom('TID', 'AMOUNT', 'noti_type', 'tid'), nastyString, { maxKeys: 4 }),
        async (contentType, fields) => {
          const response = await app.inject({
            method: 'POST',
            url: notificationPath,
            headers: { 'content-type': contentType },
            payload: new URLSearchParams(fields).toString(),
          });
          expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
          expect(response.statusCode, response.body).toBeLessThan(500);
        },
      ),
      { numRuns: 50 },
    );
  });
});
