import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { pino } from 'pino';
import type { UploadProgress } from '../batches/batch-types.js';
import { producerEnvSchema } from '../config/env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { createLogger } from '../config/logger.js';
import { closeQueues, createQueues } from '../contract/create-queues.js';
import { batchRetentionOf } from '../contract/retention.js';
import { formatUploadReport } from '../intake/shipments/format-report.js';
import { checkShipments, uploadShipments } from '../intake/shipments/upload-shipments.js';
import { createRedisConnection } from '../redis/connection.js';

export interface UploadCommand {
  /** The shipment CSV (UTF-8 with or without BOM, or CP949). */
  file: string;
  dryRun?: boolean;
  write: (line: string) => void;
}

/** Progress lines: every 10,000 rows, or every second when rows come slower. */
const progressPrinter = (write: (line: string) => void) => {
  let lastRows = 0;
  let lastAt = Date.now();
  return (progress: UploadProgress) => {
    const now = Date.now();
    if (progress.rows - lastRows < 10_000 && now - lastAt < 1_000) return;
    lastRows = progress.rows;
    lastAt = now;
    write(`… ${progress.rows} rows read: ${progress.accepted} accepted, ${progress.rejected} rejected`);
  };
};

/** `cookiepay-worker upload <file> [--dry-run]`: streams the CSV into the delivery queue as one batch. Logs go to
 * standard error, the progress and the report to `write`. */
export const runUpload = async (env: EnvSource, command: UploadCommand): Promise<void> => {
  const config = loadConfig(producerEnvSchema, env);
  await access(command.file);
  const logger = createLogger({ level: config.LOG_LEVEL, destination: pino.destination(2) });
  const input = { source: createReadStream(command.file), onProgress: progressPrinter(command.write) };
  if (command.dryRun) {
    // A dry run opens no Redis connection at all.
    const report = await checkShipments(
      { logger, reportRejectedRows: config.UPLOAD_REPORT_REJECTED_ROWS },
      input,
    );
    for (const line of formatUploadReport(report)) command.write(line);
    return;
  }
  const connection = createRedisConnection(config.REDIS_URL, 'producer');
  const queues = createQueues(connection, config.QUEUE_PREFIX);
  try {
    const report = await uploadShipments(
      {
        connection,
        prefix: config.QUEUE_PREFIX,
        queues,
        logger,
        retention: batchRetentionOf(config),
        reportRejectedRows: config.UPLOAD_REPORT_REJECTED_ROWS,
      },
      input,
    );
    for (const line of formatUploadReport(report)) command.write(line);
  } finally {
    await closeQueues(queues);
    await connection.quit();
  }
};
