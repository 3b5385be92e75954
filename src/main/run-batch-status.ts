import { pino } from 'pino';
import { getBatchStatus } from '../batches/batch-status.js';
import { producerEnvSchema } from '../config/env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { createLogger } from '../config/logger.js';
import { closeQueues, createQueues } from '../contract/create-queues.js';
import { formatBatchStatus } from '../intake/shipments/format-report.js';
import { createRedisConnection } from '../redis/connection.js';

export interface BatchStatusCommand {
  batchId: string;
  write: (line: string) => void;
}

/** `cookiepay-worker batch <id>`: where the batch's jobs stand, every failure with its line. */
export const runBatchStatus = async (env: EnvSource, command: BatchStatusCommand): Promise<void> => {
  const config = loadConfig(producerEnvSchema, env);
  const logger = createLogger({ level: config.LOG_LEVEL, destination: pino.destination(2) });
  const connection = createRedisConnection(config.REDIS_URL, 'producer');
  const queues = createQueues(connection, config.QUEUE_PREFIX);
  try {
    const status = await getBatchStatus(
      { connection, prefix: config.QUEUE_PREFIX, queues, logger },
      command.batchId,
    );
    if (!status) {
      const kept = `RETENTION_BATCHES_AGE_S=${config.RETENTION_BATCHES_AGE_S} s`;
      throw new Error(
        `no batch "${command.batchId}" (unknown, or expired: kept ${kept} after its last change)`,
      );
    }
    for (const line of formatBatchStatus(status)) command.write(line);
  } finally {
    await closeQueues(queues);
    await connection.quit();
  }
};
