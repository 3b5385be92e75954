import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  batchKeys,
  createBatch,
  openBatchesKey,
  readBatch,
  uploadingBatchesKey,
} from '../../../../src/batches/batch-store.js';
import { abandonUpload } from '../../../../src/batches/upload-liveness.js';
import { createLogger } from '../../../../src/config/logger.js';
import { type CookiePayQueues, closeQueues, createQueues } from '../../../../src/contract/create-queues.js';
import { defaultRetention } from '../../../../src/contract/retention.js';
import { finishUpload } from '../../../../src/intake/shipments/finish-upload.js';
import { uploadShipments } from '../../../../src/intake/shipments/upload-shipments.js';
import { createRedisConnection } from '../../../../src/redis/connection.js';
import type { RedisClient } from '../../../../src/redis/redis-client.js';
import { type BatchWatcher, startBatchWatcher } from '../../../../src/worker/batch-watcher.js';
import { resultPublisher } from '../../../../src/worker/publish-result.js';
import { deleteKeys, testPrefix } from '../../../helpers/harness.js';
import { sleep, waitUntil } from '../../../helpers/wait.js';
import { spawnCli } from '../../../helpers/worker-process.js';

const header = 'TID,AMOUNT,RECEIVERNAME,RECEIVERDATE,RECEIVERELATION,PARCELNAME,WAYBILLNO,DELIVERYADDR\n';
const row = (i: number) => `T-LIVE-${i},1000,홍길동,20250115,본인,CJ대한통운,W-LIVE-${i},서울\n`;

describe('an upload whose process dies is given up, not left uploading', () => {
  const prefix = testPrefix();
  let redis: RedisClient;
  let queues: CookiePayQueues;
  const watchers: BatchWatcher[] = [];
  const logger = createLogger({ level: 'silent' });

  const watch = (staleUploadMs: number) => {
    const watcher = startBatchWatcher({
      connection: redis,
      prefix,
      queues,
      publish: resultPublisher(queues.results, defaultRetention.results),
      intervalMs: 50,
      staleUploadMs,
      logger,
    });
    watchers.push(watcher);
    return watcher;
  };

  beforeAll(() => {
    redis = createRedisConnection(inject('redisUrl'), 'worker');
    queues = createQueues(redis, prefix);
  });
  afterAll(async () => {
    await Promise.all(watchers.map((watcher) => watcher.close()));
    await closeQueues(queues);
    await deleteKeys(redis, `${prefix}:*`);
    await redis.quit();
  });

  it('an `upload` process killed mid-file: its batch becomes aborted and open, with the rows it had stored', async () => {
    const fifo = join(tmpdir(), `shipments-${randomUUID()}.csv`);
    execFileSync('mkfifo', [fifo]);
    const cli = await spawnCli(['upload', fifo], { REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: prefix }, '');
    // The file never ends: 1,100 rows (past the 64 KiB held back to detect the encoding), then nothing, like a
    // stalled transfer. Two chunks of 500 are stored and enqueued, the last 100 rows wait in memory.
    const writer = await open(fifo, 'w');
    try {
      await writer.write(header + Array.from({ length: 1_100 }, (_, i) => row(i)).join(''));
      const batchId = await waitUntil(
        async () => {
          const [uploading] = await redis.zrange(uploadingBatchesKey(prefix), 0, 0);
          const stored = uploading && Number(await redis.hget(batchKeys(prefix, uploading).batch, 'rows'));
          return (
            stored === 1_000 && (await queues.delivery.getJobCountByTypes('wait')) === 1_000 && uploading
          );
        },
        {
          timeoutMs: 15_000,
          message: () => `a batch of 1,000 stored and enqueued rows; the upload wrote:\n${cli.output()}`,
        },
      );
      cli.child.kill('SIGKILL');
      await cli.exited;

      const watcher = watch(300);
      await sleep(400);
      await watcher.checkNow();
      const batch = await readBatch(redis, batchKeys(prefix, batchId), batchId);
      expect(batch).toMatchObject({ status: 'aborted', rows: 1_000, accepted: 1_000 });
      expect(batch?.error).toMatch(/no sign of life/);
      expect(await redis.sismember(openBatchesKey(prefix), batchId)).toBe(1);
      expect(await redis.zcard(uploadingBatchesKey(prefix))).toBe(0);
      expect(await redis.scard(batchKeys(prefix, batchId).pending)).toBe(1_000);
    } finally {
      await writer.close();
      await rm(fifo, { force: true });
    }
  });

  it('a slow upload that is alive is never given up, and ends open', async () => {
    // Past the 64 KiB held back to detect the encoding at once, then a row every 60 ms: half a second in all.
    const slowly = Readable.from(
      (async function* () {
        yield Buffer.from(header + Array.from({ length: 1_000 }, (_, i) => row(2_000 + i)).join(''));
        for (let i = 3_000; i < 3_008; i++) {
          await sleep(60);
          yield Buffer.from(row(i));
        }
      })(),
    );
    watch(200);
    const report = await uploadShipments(
      { connection: redis, prefix, queues, logger, chunkSize: 100, heartbeatMs: 50 },
      { source: slowly },
    );
    expect(report).toMatchObject({ rows: 1_008, accepted: 1_008 });
    const batch = await readBatch(redis, batchKeys(prefix, report.batchId), report.batchId);
    expect(batch?.status === 'open' || batch?.status === 'done').toBe(true);
    // Without the heartbeat a watcher would have given it up after 200 ms: aborted, with an error.
    expect(batch?.error).toBeUndefined();
  });

  it('an uploader that comes back after it was given up does not reopen its batch', async () => {
    const batchId = `b-back-${randomUUID().slice(0, 8)}`;
    const keys = batchKeys(prefix, batchId);
    const { ageSeconds } = defaultRetention.batches;
    await createBatch(redis, keys, { createdAt: new Date().toISOString(), encoding: 'utf-8' }, ageSeconds);
    expect(await abandonUpload(redis, prefix, batchId, 'gone')).toBe(true);
    expect(await abandonUpload(redis, prefix, batchId, 'gone again')).toBe(false);
    const counts = { rows: 3, accepted: 3, alreadyEnqueued: 0, added: 3, rejected: 0 };
    expect(await finishUpload(redis, prefix, keys, batchId, counts, ageSeconds, 'open')).toBe(false);
    expect(await readBatch(redis, keys, batchId)).toMatchObject({
      status: 'aborted',
      error: 'gone',
      rows: 0,
    });
  });
});
