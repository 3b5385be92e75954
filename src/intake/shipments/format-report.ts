import type { BatchStatus, RejectedRow, UploadReport } from '../../batches/batch-types.js';

const rejectedLines = (rows: readonly RejectedRow[]): string[] =>
  rows.flatMap((row) => row.issues.map((issue) => `  line ${row.line}: ${issue.field} ${issue.reason}`));

/**
 * The upload's report as the CLI prints it: counts, the rejected rows it lists (when it lists only the first, the
 * counts by field and reason and where to get them all), and how to follow the batch.
 */
export const formatUploadReport = (report: UploadReport): string[] => {
  const lines = [
    `${report.dryRun ? 'dry run: ' : ''}${report.rows} rows (${report.encoding}): ${report.accepted} accepted` +
      `${report.dryRun ? '' : `, ${report.alreadyEnqueued} already enqueued`}, ${report.rejectedCount} rejected`,
  ];
  const partial = report.rejectedCount > report.rejected.length;
  if (partial) {
    lines.push(
      'rejected rows by field and reason:',
      ...report.rejectedByReason.map((count) => `  ${count.field} ${count.reason}: ${count.count}`),
    );
  }
  if (report.rejected.length > 0)
    lines.push(
      partial ? `rejected rows (first ${report.rejected.length}):` : 'rejected rows:',
      ...rejectedLines(report.rejected),
    );
  if (partial && !report.dryRun)
    lines.push(`every rejected row: \`cookiepay-worker rejected ${report.batchId} > rejected.csv\``);
  if (report.dryRun) lines.push('nothing was enqueued (dry run)');
  else lines.push(`batch ${report.batchId}: follow it with \`cookiepay-worker batch ${report.batchId}\``);
  return lines;
};

/** A batch's state as the CLI prints it. */
export const formatBatchStatus = (status: BatchStatus): string[] => {
  const lines = [
    `batch ${status.batchId} (created ${status.createdAt}, ${status.status}): ${status.done ? 'done' : 'running'}`,
    `  ${status.total} jobs: ${status.waiting} waiting, ${status.succeeded} succeeded, ${status.failed.length} failed` +
      `${status.unknown > 0 ? `, ${status.unknown} outcome unknown (removed)` : ''}; ${status.rejected} rows rejected`,
  ];
  if (status.error) lines.push(`  upload stopped: ${status.error}`);
  if (status.failed.length > 0) {
    lines.push('failed:');
    for (const failure of status.failed)
      lines.push(`  line ${failure.line}: ${failure.code} ${failure.reason} (job ${failure.jobId})`);
  }
  if (status.rejectedRows.length > 0) {
    lines.push(
      `rejected rows${status.rejected > status.rejectedRows.length ? ` (first ${status.rejectedRows.length})` : ''}:`,
      ...rejectedLines(status.rejectedRows),
    );
  }
  return lines;
};
