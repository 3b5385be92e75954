import { createReadStream } from 'node:fs';
import { createLogger } from '../../src/config/logger.js';
import { closeQueues, createQueues } from '../../src/contract/create-queues.js';
import { deliveryJobId } from '../../src/contract/job-ids.js';
import { uploadShipments } from '../../src/intake/shipments/upload-shipments.js';
import { createRedisConnection } from '../../src/redis/connection.js';
import { shipmentHeader, shipmentRow } from '../lib/shipment-csv.js';

/**
 * `upload <file>`: uploadShipments of the CSV. `addbulk <rows>`: the same delivery jobs (same data, same ids),
 * built in memory and added with raw addBulk in chunks of 500, nothing validated. Reports over IPC the time of
 * the work alone (not the start-up) and the process's peak RSS.
 */
const [mode, arg] = process.argv.slice(2);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.QUEUE_PREFIX ?? '';
const chunkSize = 500;
const connection = createRedisConnection(redisUrl, 'producer');
const queues = createQueues(connection, prefix);
await connection.ping();
const rssBeforeKb = process.resourceUsage().maxRSS;
const started = performance.now();
let jobs = 0;

if (mode === 'upload') {
  const report = await uploadShipments(
    { connection, prefix, queues, logger: createLogger({ level: 'warn' }) },
    { source: createReadStream(String(arg)), dryRun: false },
  );
  jobs = report.accepted;
  if (report.rejected.length > 0) throw new Error(`${report.rejected.length} rows rejected`);
} else {
  const rows = Number(arg);
  for (let from = 0; from < rows; from += chunkSize) {
    const chunk = [];
    for (let i = from; i < Math.min(rows, from + chunkSize); i++) {
      const cells = shipmentRow(i);
      const data: Record<string, string> = {};
      shipmentHeader.forEach((field, column) => {
        data[field] = cells[column] as string;
      });
      chunk.push({
        name: 'delivery',
        data,
        opts: { jobId: deliveryJobId(String(data.TID), String(data.WAYBILLNO)) },
      });
    }
    await queues.delivery.addBulk(chunk);
    jobs += chunk.length;
  }
}
const ms = performance.now() - started;
const counts = await queues.delivery.getJobCounts('wait');
process.send?.({
  type: 'done',
  ms,
  jobs,
  waiting: counts.wait ?? 0,
  maxRssKb: process.resourceUsage().maxRSS,
  rssBeforeKb,
});
await closeQueues(queues);
await connection.quit();
process.disconnect?.();
