import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BatchDeps } from '../../batches/batch-deps.js';
import { newBatchId } from '../../batches/batch-id.js';
import { type BatchCounts, batchKeys, batchRetentionOfDeps, createBatch } from '../../batches/batch-store.js';
import type { RejectedRow, UploadReport, UploadShipmentsInput } from '../../batches/batch-types.js';
import { keepUploadAlive } from '../../batches/upload-liveness.js';
import { BatchFileError } from './batch-errors.js';
import { finishUpload } from './finish-upload.js';
import { mapHeader } from './header-map.js';
import { readShipments } from './read-shipments.js';
import { rejectedTally } from './rejected-tally.js';
import { rowToJob, type ShipmentJob } from './row-to-job.js';
import { storeChunk } from './store-chunk.js';

const maxChunksInFlight = 2;

/** The longest the upload checks rows without letting other work run (HTTP answers, workers, timers). */
const maxBusyMs = 5;
/** Rows checked between two looks at the clock. */
const rowsBetweenClockReads = 64;

export interface UploadDeps extends BatchDeps {
  /** Jobs added per `addBulk` (default 500). */
  chunkSize?: number;
  /** How often the upload tells watchers it is alive (default 10 s; see the watcher's `staleUploadMs`). */
  heartbeatMs?: number;
  /** Rejected rows the report lists in full (UPLOAD_REPORT_REJECTED_ROWS; default 1,000); the rest are counted. */
  reportRejectedRows?: number;
}

/** A dry run needs no Redis: only a logger. */
export type CheckDeps = Pick<UploadDeps, 'logger' | 'chunkSize' | 'heartbeatMs' | 'reportRejectedRows'>;

/**
 * A dry run without any Redis connection (the CLI's `--dry-run`): reads and checks every row, reports as
 * uploadShipments does with `dryRun: true` (`alreadyEnqueued` is 0: nothing is looked up).
 */
export const checkShipments = (
  deps: CheckDeps,
  input: Omit<UploadShipmentsInput, 'dryRun'>,
): Promise<UploadReport> => processShipments(deps, undefined, input);

/**
 * Streams a shipment CSV into `cookiepay-delivery`: the header is mapped first (a bad one refuses the whole file,
 * nothing stored), then each row is checked like a delivery job; valid rows are added in chunks with `addBulk`
 * under `deliveryJobId(TID, WAYBILLNO)`, each chunk recorded in the batch by one script first (storeChunk). At
 * most two chunks are on their way to Redis while the next is read; then reading waits (backpressure on the
 * file), so memory holds three chunks at most, whatever the file's size. A row whose job
 * already exists (an earlier upload, or the same shipment twice in this file) is accepted and counted in
 * `alreadyEnqueued`; nothing is added for it. While it runs it marks itself alive every `heartbeatMs`: should
 * its process die, a watcher gives the batch up as `aborted` and the rows enqueued so far still get their summary.
 * Every rejected row is recorded with the batch; the report lists the first `reportRejectedRows` and counts the
 * rest by field and reason, so its size is bounded. Checking yields to the event loop every 5 ms at most.
 * `dryRun` validates only and makes no Redis call at all.
 */
export const uploadShipments = (deps: UploadDeps, input: UploadShipmentsInput): Promise<UploadReport> =>
  processShipments(deps, input.dryRun ? undefined : deps, input);

const processShipments = async (
  deps: CheckDeps,
  store: Pick<UploadDeps, 'connection' | 'prefix' | 'queues' | 'retention'> | undefined,
  input: UploadShipmentsInput,
): Promise<UploadReport> => {
  const chunkSize = deps.chunkSize ?? 500;
  const retention = batchRetentionOfDeps(store ?? {});
  const file = await readShipments(input.source);
  let mapping: ReturnType<typeof mapHeader>;
  try {
    mapping = mapHeader(file.header);
  } catch (error) {
    file.cancel();
    throw error;
  }
  const batchId = newBatchId();
  const keys = batchKeys(store?.prefix ?? '', batchId);
  const log = deps.logger.child({ batchId });
  const counts: BatchCounts = { rows: 0, accepted: 0, alreadyEnqueued: 0, added: 0, rejected: 0 };
  const rejected = rejectedTally(deps.reportRejectedRows ?? 1_000);
  let busySince = performance.now();
  let chunk: ShipmentJob[] = [];
  let rejectedToStore: RejectedRow[] = [];

  const flush = async () => {
    const jobs = chunk;
    const newlyRejected = rejectedToStore;
    chunk = [];
    rejectedToStore = [];
    counts.accepted += jobs.length;
    if (store) {
      const { connection: redis, queues } = store;
      const jobKey = (jobId: string) => queues.delivery.toKey(jobId);
      const toAdd = await storeChunk(redis, keys, jobs, jobKey, newlyRejected, counts, retention.ageSeconds);
      const added = jobs.filter((_, index) => toAdd[index]);
      if (added.length > 0) {
        await queues.delivery.addBulk(
          added.map((job) => ({ name: 'delivery', data: job.data, opts: { jobId: job.jobId } })),
        );
      }
      counts.added += added.length;
      counts.alreadyEnqueued += jobs.length - added.length;
    }
    input.onProgress?.({ rows: counts.rows, accepted: counts.accepted, rejected: counts.rejected });
  };

  /** Chunks on their way to Redis, oldest first: Redis works on them while the next rows are read and checked. */
  const inFlight: Promise<void>[] = [];
  let stopHeartbeat = () => {};
  if (store) {
    await createBatch(
      store.connection,
      keys,
      { createdAt: new Date().toISOString(), encoding: file.encoding },
      retention.ageSeconds,
    );
    stopHeartbeat = await keepUploadAlive(
      store.connection,
      store.prefix,
      batchId,
      deps.heartbeatMs ?? 10_000,
      (error) => log.warn({ err: error }, 'could not mark the upload alive'),
    );
  }
  try {
    for await (const row of file.rows) {
      counts.rows += 1;
      const outcome = rowToJob(mapping, row.line, row.cells);
      if (outcome.ok) {
        chunk.push(outcome);
      } else {
        const rejectedRow = { line: outcome.line, issues: outcome.issues };
        rejected.add(rejectedRow);
        counts.rejected += 1;
        // Every rejected row is kept with the batch (for the CSV download), as long as the batch.
        if (store) rejectedToStore.push(rejectedRow);
      }
      if (counts.rows % rowsBetweenClockReads === 0 && performance.now() - busySince > maxBusyMs) {
        // Rows come from a buffered file faster than they are checked: let the event loop breathe.
        await nextTurn();
        busySince = performance.now();
      }
      if (chunk.length >= chunkSize || rejectedToStore.length >= chunkSize) {
        // Up to two chunks go to Redis while the next is read: at most three chunks in memory. Their scripts
        // reach Redis in chunk order (one connection), so the first line of a shipment still wins.
        if (inFlight.length >= maxChunksInFlight) await inFlight.shift();
        const sent = flush();
        sent.catch(() => {}); // its error is thrown where it is awaited
        inFlight.push(sent);
      }
    }
    for (const sent of inFlight.splice(0)) await sent;
    await flush();
  } catch (error) {
    file.cancel();
    if (!store) throw error;
    const message = error instanceof Error ? error.message : String(error);
    log.warn({ err: error, rows: counts.rows }, 'upload stopped');
    // The rows enqueued so far run anyway: the batch is opened so that its summary still comes.
    const ttl = retention.ageSeconds;
    await finishUpload(store.connection, store.prefix, keys, batchId, counts, ttl, 'aborted', message).catch(
      (cause: unknown) => log.error({ err: cause }, 'could not record the stopped upload'),
    );
    if (error instanceof BatchFileError) error.batchId = batchId;
    throw error;
  } finally {
    stopHeartbeat();
  }
  if (
    store &&
    !(await finishUpload(store.connection, store.prefix, keys, batchId, counts, retention.ageSeconds, 'open'))
  ) {
    log.warn({ rows: counts.rows }, 'a watcher had given up on this upload as dead; its batch stays aborted');
  }
  const dryRun = !store;
  log.info(
    { ...counts, encoding: file.encoding, dryRun },
    dryRun ? 'shipments checked' : 'shipments uploaded',
  );
  return {
    batchId,
    dryRun,
    rows: counts.rows,
    accepted: counts.accepted,
    alreadyEnqueued: counts.alreadyEnqueued,
    ...rejected.report(),
    encoding: file.encoding,
  };
};
