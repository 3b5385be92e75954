import type { BatchStatus } from '../batches/batch-types.js';
import { queueNames } from '../contract/names.js';
import type { BatchResult } from '../contract/result-schema.js';

/** Failures listed in a summary; the count is always complete, the list stops here (getBatchStatus has all). */
export const summaryFailuresMax = 1_000;

/** The id of a batch's summary on `cookiepay-results`: one per batch, whichever watcher publishes it. */
export const batchResultId = (batchId: string): string => `batch-${batchId}`;

/**
 * The `batch` result published once every job of a batch has ended. `sourceQueue` is `cookiepay-delivery` (the
 * queue the rows went to), `sourceJobId` the batch id, `ok` when nothing failed and no row was rejected, `code`
 * BATCH_DONE or BATCH_FAILURES, `attempts` 0 (the summary itself calls nobody).
 */
export const batchSummary = (status: BatchStatus, finishedAt: Date): BatchResult => {
  const failed = status.failed.length;
  const ok = failed === 0 && status.rejected === 0;
  const parts = [`${status.succeeded} of ${status.total} shipments registered`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (status.rejected > 0) parts.push(`${status.rejected} rows rejected`);
  if (status.unknown > 0) parts.push(`${status.unknown} with no outcome left (removed)`);
  if (status.status === 'aborted') parts.push(`upload stopped: ${status.error ?? 'unknown reason'}`);
  return {
    kind: 'batch',
    sourceQueue: queueNames.delivery,
    sourceJobId: status.batchId,
    ok,
    code: ok ? 'BATCH_DONE' : 'BATCH_FAILURES',
    message: parts.join(', '),
    response: null,
    attempts: 0,
    finishedAt: finishedAt.toISOString(),
    batch: {
      id: status.batchId,
      total: status.total,
      succeeded: status.succeeded,
      failed,
      rejected: status.rejected,
      failures: status.failed.slice(0, summaryFailuresMax),
    },
  };
};
