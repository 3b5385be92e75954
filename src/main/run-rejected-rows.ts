import { pino } from 'pino';
import { openRejectedCsv } from '../batches/rejected-csv.js';
import { producerEnvSchema } from '../config/env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { createLogger } from '../config/logger.js';
import { createRedisConnection } from '../redis/connection.js';

export interface RejectedRowsCommand {
  batchId: string;
  /** Takes the CSV text piece by piece (standard output: `process.stdout.write`). */
  write: (text: string) => void | Promise<void>;
}

/**
 * `cookiepay-worker rejected <id>`: every rejected row of a batch as CSV (`line,field,reason`), streamed from
 * Redis a page at a time, the same as `GET /batches/:id/rejected.csv`.
 */
export const runRejectedRows = async (env: EnvSource, command: RejectedRowsCommand): Promise<void> => {
  const config = loadConfig(producerEnvSchema, env);
  const logger = createLogger({ level: config.LOG_LEVEL, destination: pino.destination(2) });
  const connection = createRedisConnection(config.REDIS_URL, 'producer');
  connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  try {
    const csv = await openRejectedCsv({ connection, prefix: config.QUEUE_PREFIX }, command.batchId);
    if (!csv) {
      const kept = `RETENTION_BATCHES_AGE_S=${config.RETENTION_BATCHES_AGE_S} s`;
      throw new Error(
        `no batch "${command.batchId}" (unknown, or expired: kept ${kept} after its last change)`,
      );
    }
    for await (const text of csv) await command.write(text);
  } finally {
    await connection.quit();
  }
};
