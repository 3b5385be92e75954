import type { Queue } from 'bullmq';
import { getBatchStatus } from '../batches/batch-status.js';
import { batchKeys, markDone, openBatchesKey, readBatch } from '../batches/batch-store.js';
import { jobPhases } from '../batches/job-outcomes.js';
import { abandonUpload, staleUploads } from '../batches/upload-liveness.js';
import type { Logger } from '../config/logger.js';
import type { RedisClient } from '../redis/redis-client.js';
import { batchResultId, batchSummary } from './batch-summary.js';
import type { PublishResult } from './publish-result.js';

export interface BatchWatcherOptions {
  connection: RedisClient;
  prefix: string;
  queues: { delivery: Queue; results: Queue };
  /** `resultPublisher(queues.results)`. */
  publish: PublishResult;
  /** Time between checks (default 5 s). */
  intervalMs?: number;
  /** Pending job ids checked per batch and check (default 5,000); the rest wait for the next check. */
  checksPerBatch?: number;
  /** An upload that gave no sign of life for this long is given up as dead (default 60 s, six heartbeats). */
  staleUploadMs?: number;
  logger: Logger;
}

export interface BatchWatcher {
  /** Stops the checks and waits for the one running, if any. */
  close(): Promise<void>;
  /** Runs one check now (tests; the timer runs them on its own). */
  checkNow(): Promise<void>;
}

const scanCount = 500;

/**
 * Publishes one `batch` result on `cookiepay-results` when every job of an uploaded batch has ended. Every
 * `intervalMs` it looks at the open batches and re-checks only their pending job ids (a set per batch, scanned
 * from where the last check stopped), removing those that ended. A batch with no pending job gets its summary,
 * published under the id `batch-<id>` (so several worker processes watching publish it once), and leaves the
 * open set. An upload whose process died (no heartbeat for `staleUploadMs`) is given up first: its batch becomes
 * `aborted` and is summarised like the others. Nothing runs until it is called; errors are logged and the next
 * check tries again.
 */
export const startBatchWatcher = (options: BatchWatcherOptions): BatchWatcher => {
  const { connection: redis, prefix, queues, logger } = options;
  const intervalMs = options.intervalMs ?? 5_000;
  const checksPerBatch = options.checksPerBatch ?? 5_000;
  const staleUploadMs = options.staleUploadMs ?? 60_000;
  const cursors = new Map<string, string>();
  const log = logger.child({ component: 'batch-watcher' });

  /** Removes ended jobs from the batch's pending set, up to the budget; true when none is left. */
  const prune = async (batchId: string): Promise<boolean> => {
    const keys = batchKeys(prefix, batchId);
    let cursor = cursors.get(batchId) ?? '0';
    let checked = 0;
    do {
      const [next, ids] = await redis.sscan(keys.pending, cursor, 'COUNT', scanCount);
      cursor = next;
      checked += ids.length;
      const phases = await jobPhases(redis, queues.delivery, ids);
      const ended = ids.filter((_, index) => phases[index] !== 'pending');
      if (ended.length > 0) await redis.srem(keys.pending, ...ended);
    } while (cursor !== '0' && checked < checksPerBatch);
    cursors.set(batchId, cursor);
    return (await redis.scard(keys.pending)) === 0;
  };

  const finish = async (batchId: string): Promise<void> => {
    const status = await getBatchStatus({ connection: redis, prefix, queues, logger }, batchId);
    if (!status) return;
    if (!status.done) return; // a job went back to wait (retried by hand) after it had ended: check again later
    const summary = batchSummary(status, new Date());
    await options.publish(summary, batchResultId(batchId));
    await markDone(redis, prefix, batchKeys(prefix, batchId), batchId);
    cursors.delete(batchId);
    log.info(
      { batchId, code: summary.code, ...summary.batch, failures: undefined },
      'batch summary published',
    );
  };

  /** Uploads whose process died: their batches become `aborted` and open, so they are summarised below. */
  const giveUpDeadUploads = async (): Promise<void> => {
    for (const batchId of await staleUploads(redis, prefix, staleUploadMs)) {
      const reason = `the upload stopped: its process gave no sign of life for ${staleUploadMs / 1000} s`;
      if (await abandonUpload(redis, prefix, batchId, reason)) log.warn({ batchId }, reason);
    }
  };

  const check = async (): Promise<void> => {
    await giveUpDeadUploads();
    const open = await redis.smembers(openBatchesKey(prefix));
    for (const batchId of open) {
      const batch = await readBatch(redis, batchKeys(prefix, batchId), batchId);
      if (!batch || batch.status === 'done') {
        // Expired, or summarised by another watcher.
        await redis.srem(openBatchesKey(prefix), batchId);
        cursors.delete(batchId);
        continue;
      }
      if (batch.status === 'uploading') continue;
      if (await prune(batchId)) await finish(batchId);
    }
  };

  let running: Promise<void> | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const run = (): Promise<void> => {
    running ??= check()
      .catch((error: unknown) => log.error({ err: error }, 'batch check failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      void run().then(schedule);
    }, intervalMs);
  };
  schedule();

  return {
    checkNow: run,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
};
