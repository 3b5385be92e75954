import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { type CookiePayQueues, closeQueues, createQueues } from '../../src/contract/create-queues.js';
import {
  notificationJobId,
  parseNotificationJob,
  readNotification,
} from '../../src/contract/notification-job.js';
import {
  approvalNotificationSchema,
  cancelNotificationSchema,
} from '../../src/cookiepay/schemas/notification.js';
import { buildHttpApp } from '../../src/intake/http/build-app.js';
import { notificationPath } from '../../src/intake/http/notification-route.js';
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
  it('safeParse never throws, whatever the body; a body is read, or its problems are named', () => {
    fc.assert(
      fc.property(body, fc.constantFrom('json', 'form'), (value, encoding) => {
        expect(() => approvalNotificationSchema.safeParse(value)).not.toThrow();
        expect(() => cancelNotificationSchema.safeParse(value)).not.toThrow();
        const raw =
          encoding === 'json' || typeof value !== 'object' || value === null
            ? (JSON.stringify(value) ?? '')
            : new URLSearchParams(
                Object.entries(value).map(([k, v]): [string, string] => [k, String(v)]),
              ).toString();
        const reading = readNotification(raw);
        if (!reading.ok) {
          expect(reading.issues.length).toBeGreaterThan(0);
          for (const issue of reading.issues) expect(issue.field && issue.reason).toBeTruthy();
        } else {
          expect(Number.isSafeInteger(reading.facts.amount ?? 0)).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('what the receiver stores, the worker reads the same way (one schema)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          body.map((value) => JSON.stringify(value) ?? ''),
          fc.string({ maxLength: 200 }),
        ),
        (raw) => {
          const record = {
            rawBody: raw,
            contentType: null,
            receivedAt: new Date(0).toISOString(),
            sourceAddress: '::1',
          };
          const reading = readNotification(raw);
          if (reading.ok) expect(parseNotificationJob(record).facts).toEqual(reading.facts);
          else expect(() => parseNotificationJob(record)).toThrow(/Invalid notification/);
          expect(notificationJobId(raw)).toMatch(/^noti-[0-9a-f]{32}$/);
        },
      ),
      { numRuns: 1_000 },
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

  it('answers 200 (stored) or 413, never another status, to any JSON body, malformed JSON or oversized body', async () => {
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
          expect([200, 413], response.body).toContain(response.statusCode);
        },
      ),
      { numRuns: 300 },
    );
    console.log(`[fuzz] notification statuses: ${JSON.stringify(seen)}`);
  });

  it('stores a form-encoded, text, XML or multipart body (within the limit) with 200 too: the worker reads it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'application/x-www-form-urlencoded',
          'text/plain',
          'application/xml',
          'multipart/form-data',
          'not a media type',
          undefined,
        ),
        fc.dictionary(fc.constantFrom('TID', 'AMOUNT', 'noti_type', 'tid'), nastyString, { maxKeys: 4 }),
        async (contentType, fields) => {
          const payload = new URLSearchParams(fields).toString();
          const response = await app.inject({
            method: 'POST',
            url: notificationPath,
            headers: contentType === undefined ? {} : { 'content-type': contentType },
            payload,
          });
          if (Buffer.byteLength(payload) > bodyLimit) {
            expect(response.statusCode, response.body).toBe(413);
            return;
          }
          expect(response.statusCode, response.body).toBe(200);
          const job = await queues.notifications.getJob(notificationJobId(payload));
          expect(job?.data.rawBody).toBe(payload);
        },
      ),
      { numRuns: 50 },
    );
  });
});
