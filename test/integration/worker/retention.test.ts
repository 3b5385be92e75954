import { Readable } from 'node:stream';
import type { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { batchKeys, readStoredRejected } from '../../../src/batches/batch-store.js';
import { createLogger } from '../../../src/config/logger.js';
import { queueNames } from '../../../src/contract/names.js';
import type { JobResult } from '../../../src/contract/result-schema.js';
import { consumeResults, type ResultsConsumer } from '../../../src/intake/producer/consume-results.js';
import { uploadShipments } from '../../../src/intake/shipments/upload-shipments.js';
import type { WorkerRuntime } from '../../../src/main/worker-runtime.js';
import type { RedisClient } from '../../../src/redis/redis-client.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness } from '../../helpers/harness.js';
import { sleep, waitUntil } from '../../helpers/wait.js';

/** Ids in the queue's completed or failed set, oldest first. */
const ended = (redis: RedisClient, queue: Queue, state: 'completed' | 'failed') =>
  redis.zrange(queue.toKey(state), 0, -1);
/** How many of these jobs still have their hash. */
const hashesLeft = async (redis: RedisClient, queue: Queue, ids: readonly string[]) =>
  (await Promise.all(ids.map((id) => redis.exists(queue.toKey(id))))).reduce((sum, n) => sum + n, 0);

describe('retention from RETENTION_* (real Redis, simulator over HTTP)', () => {
  let h: Harness;
  let runtime: WorkerRuntime | undefined;
  let consumer: ResultsConsumer | undefined;
  const consumed: JobResult[] = [];

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  afterEach(async () => {
    await consumer?.close();
    await runtime?.close();
    consumer = undefined;
    runtime = undefined;
    consumed.length = 0;
    await h.reset();
  });
  afterAll(() => h.close());

  const consume = () => {
    consumer = consumeResults({
      redisUrl: inject('redisUrl'),
      prefix: h.prefix,
      handler: (result) => {
        consumed.push(result);
      },
    });
  };
  const waitConsumed = (count: number) =>
    waitUntil(() => consumed.length >= count, {
      timeoutMs: 20_000,
      message: () => `${count} consumed results (got ${consumed.length})`,
    });
  /** Adds one job and waits until it ended and its result was consumed: jobs end one after the other, in order. */
  const runOne = async (queue: Queue, name: string, data: unknown, jobId: string) => {
    const before = consumed.length;
    await queue.add(name, data, { jobId });
    await waitConsumed(before + 1);
    const results = h.queue(queueNames.results);
    await waitUntil(
      async () => {
        const [completed, failed, result] = await Promise.all([
          h.redis.zscore(queue.toKey('completed'), jobId),
          h.redis.zscore(queue.toKey('failed'), jobId),
          h.redis.zscore(results.toKey('completed'), `${queue.name}-${jobId}`),
        ]);
        return (completed !== null || failed !== null) && result !== null;
      },
      { timeoutMs: 10_000, message: `${jobId} and its result ended` },
    );
  };

  it('keeps the newest COUNT ended jobs of each class and removes the others with their keys', async () => {
    runtime = await h.startWorker({
      RETENTION_COMPLETED_COUNT: '5',
      RETENTION_NOTIFICATIONS_COUNT: '5',
      RETENTION_RESULTS_COUNT: '5',
      RETENTION_FAILED_COUNT: '6',
    });
    consume();
    const urlpay = h.queue(queueNames.urlpay);
    const notifications = h.queue(queueNames.notifications);
    const results = h.queue(queueNames.results);

    // Source jobs: 8 completed, 5 kept (the last ones); 8 failed (invalid data, final at once), 6 kept.
    for (let i = 0; i < 8; i++) await runOne(urlpay, 'urlpay', urlPayJob({ AMOUNT: 1_000 + i }), `ok-${i}`);
    for (let i = 0; i < 8; i++) await runOne(urlpay, 'urlpay', { AMOUNT: 'none' }, `bad-${i}`);
    expect(await ended(h.redis, urlpay, 'completed')).toEqual(['ok-3', 'ok-4', 'ok-5', 'ok-6', 'ok-7']);
    expect(await ended(h.redis, urlpay, 'failed')).toEqual([
      'bad-2',
      'bad-3',
      'bad-4',
      'bad-5',
      'bad-6',
      'bad-7',
    ]);
    expect(await hashesLeft(h.redis, urlpay, ['ok-0', 'ok-1', 'ok-2', 'bad-0', 'bad-1'])).toBe(0);

    // Notification jobs of 8 paid payments: 8 verified, 5 kept.
    const links = consumed.filter((r) => r.kind === 'urlpay' && r.ok).map((r) => String(r.response?.URLKEY));
    expect(links).toHaveLength(8);
    for (const [i, URLKEY] of links.entries()) {
      const { payment } = await h.simulator.control.pay({ URLKEY });
      await runOne(
        notifications,
        'notification',
        { type: 'approval', TID: payment.TID, AMOUNT: payment.AMOUNT },
        `n-${i}`,
      );
    }
    expect(consumed.filter((r) => r.kind === 'notification' && r.ok)).toHaveLength(8);
    expect(await ended(h.redis, notifications, 'completed')).toEqual(['n-3', 'n-4', 'n-5', 'n-6', 'n-7']);
    expect(await hashesLeft(h.redis, notifications, ['n-0', 'n-1', 'n-2'])).toBe(0);

    // Results: 24 of the jobs and 8 payment events (each verified payment paid) published and consumed, 5 kept.
    await waitConsumed(32);
    expect(consumed.filter((r) => r.kind !== 'payment')).toHaveLength(24);
    expect(consumed.filter((r) => r.kind === 'payment')).toHaveLength(8);
    const kept = await ended(h.redis, results, 'completed');
    expect(kept).toHaveLength(5);
    expect(kept).toEqual(
      expect.arrayContaining(['n-6', 'n-7'].map((id) => `${queueNames.notifications}-${id}`)),
    );
    expect(
      await hashesLeft(h.redis, results, [`${queueNames.urlpay}-ok-0`, `${queueNames.urlpay}-bad-7`]),
    ).toBe(0);
  });

  it('keeps failed jobs and notifications after completed jobs and results of the same age are gone', async () => {
    runtime = await h.startWorker({
      RETENTION_COMPLETED_AGE_S: '1',
      RETENTION_RESULTS_AGE_S: '1',
      RETENTION_NOTIFICATIONS_AGE_S: '3600',
      RETENTION_FAILED_AGE_S: '3600',
    });
    consume();
    const urlpay = h.queue(queueNames.urlpay);
    const notifications = h.queue(queueNames.notifications);
    const results = h.queue(queueNames.results);

    await runOne(urlpay, 'urlpay', urlPayJob(), 'old-ok');
    await runOne(urlpay, 'urlpay', { AMOUNT: 'none' }, 'old-bad');
    const [link] = consumed.filter((r) => r.kind === 'urlpay' && r.ok);
    const { payment } = await h.simulator.control.pay({ URLKEY: String(link?.response?.URLKEY) });
    await runOne(
      notifications,
      'notification',
      { type: 'approval', TID: payment.TID, AMOUNT: payment.AMOUNT },
      'old-n',
    );
    // Past the completed age: the next jobs to end remove what ended more than a second before them.
    await sleep(1_200);
    await runOne(urlpay, 'urlpay', urlPayJob(), 'new-ok');
    await runOne(urlpay, 'urlpay', { AMOUNT: 'none' }, 'new-bad');
    const { payment: second } = await h.simulator.control.pay({
      URLKEY: String(consumed.find((r) => r.sourceJobId === 'new-ok')?.response?.URLKEY),
    });
    await runOne(
      notifications,
      'notification',
      { type: 'approval', TID: second.TID, AMOUNT: second.AMOUNT },
      'new-n',
    );

    expect(await ended(h.redis, urlpay, 'completed')).toEqual(['new-ok']);
    expect(await ended(h.redis, urlpay, 'failed')).toEqual(['old-bad', 'new-bad']);
    expect(await ended(h.redis, notifications, 'completed')).toEqual(['old-n', 'new-n']);
    expect(await ended(h.redis, results, 'completed')).not.toContain(`${queueNames.urlpay}-old-ok`);
    expect(await hashesLeft(h.redis, urlpay, ['old-ok'])).toBe(0);
  });

  it('renews batch records for RETENTION_BATCHES_AGE_S; keeps every rejected row, the status view shows as many as the policy says', async () => {
    const header = 'TID,AMOUNT,RECEIVERNAME,RECEIVERDATE,RECEIVERELATION,PARCELNAME,WAYBILLNO,DELIVERYADDR\n';
    const row = (i: number, amount: string) =>
      `cTS-${i},${amount},홍길동,20250228,본인,CJ대한통운,W${i},서울특별시 중구 세종대로 110\n`;
    const csv = header + [1, 2, 3, 4].map((i) => row(i, i % 2 === 0 ? 'none' : '39000')).join('');
    const report = await uploadShipments(
      {
        connection: h.redis,
        prefix: h.prefix,
        queues: h.queues,
        logger: createLogger({ level: 'silent' }),
        retention: { ageSeconds: 120, rejectedRowsKept: 1 },
      },
      { source: Readable.from([Buffer.from(csv)]) },
    );
    expect(report.rejected).toHaveLength(2);
    const keys = batchKeys(h.prefix, report.batchId);
    const ttl = await h.redis.ttl(keys.batch);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    expect(await h.redis.ttl(keys.jobs)).toBeLessThanOrEqual(120);
    // Every rejected row stays with the batch (the CSV download reads them all); the status view shows the first one.
    expect(await h.redis.llen(keys.rejected)).toBe(2);
    expect(await readStoredRejected(h.redis, keys, 1)).toHaveLength(1);
  });
});
