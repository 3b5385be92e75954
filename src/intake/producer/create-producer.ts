import { randomUUID } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { closeQueues, createQueues } from '../../contract/create-queues.js';
import { InvalidPayloadError } from '../../contract/invalid-payload-error.js';
import { cancelJobId, deliveryJobId, jobIdProblem } from '../../contract/job-ids.js';
import type {
  CancelJobData,
  DeliveryJobData,
  StatusJobData,
  UrlPayJobData,
} from '../../contract/job-schemas.js';
import { defaultQueuePrefix, type JobKind } from '../../contract/names.js';
import { parseJobData } from '../../contract/parse-job-data.js';
import { createRedisConnection } from '../../redis/connection.js';
import type { RedisClient } from '../../redis/redis-client.js';

export interface ProducerOptions {
  /** An ioredis connection to use (not closed by `close()`); or give `redisUrl`. */
  connection?: RedisClient;
  redisUrl?: string;
  /** BullMQ prefix; must match the worker's QUEUE_PREFIX. Default `bull`. */
  prefix?: string;
}

export interface EnqueueOptions extends Pick<JobsOptions, 'delay' | 'priority' | 'attempts' | 'backoff'> {
  /**
   * Your idempotency key: a second enqueue with the same id adds nothing. Default: a new UUID (deliveries:
   * TID+WAYBILLNO; cancels: tid+amount, so a double click refunds once).
   */
  jobId?: string;
  /** The job's name; free. Default: the kind. */
  name?: string;
}

export interface Producer {
  enqueueUrlPay(data: UrlPayJobData, options?: EnqueueOptions): Promise<string>;
  enqueueDelivery(data: DeliveryJobData, options?: EnqueueOptions): Promise<string>;
  enqueueStatusCheck(data: StatusJobData, options?: EnqueueOptions): Promise<string>;
  /** A cancel (refund): all of the payment without `amount`, that much of it with one. */
  enqueueCancel(data: CancelJobData, options?: EnqueueOptions): Promise<string>;
  /** Enqueue by kind with data not yet typed (the CLI's way); validated the same. */
  enqueue(kind: JobKind, data: unknown, options?: EnqueueOptions): Promise<string>;
  close(): Promise<void>;
}

/** The job id when the caller gives none: derived for deliveries and cancels (a repeat adds nothing), else new. */
const defaultJobId = (parsed: object): string => {
  if ('TID' in parsed && 'WAYBILLNO' in parsed)
    return deliveryJobId(String(parsed.TID), String(parsed.WAYBILLNO));
  if ('tid' in parsed && 'reason' in parsed) {
    const amount = 'amount' in parsed && parsed.amount !== undefined ? String(parsed.amount) : undefined;
    return cancelJobId(String(parsed.tid), amount);
  }
  return randomUUID();
};

/**
 * The typed way for Node services to add jobs. Data is validated before it reaches Redis: an invalid payload
 * throws an InvalidPayloadError listing every field and its reason, and nothing is added.
 */
export const createProducer = (options: ProducerOptions = {}): Producer => {
  const connection =
    options.connection ?? createRedisConnection(options.redisUrl ?? 'redis://127.0.0.1:6379', 'producer');
  const queues = createQueues(connection, options.prefix ?? defaultQueuePrefix);

  const enqueue = async (
    kind: JobKind,
    data: unknown,
    { jobId, name, ...jobOptions }: EnqueueOptions = {},
  ) => {
    const parsed = parseJobData(kind, data);
    const id = jobId ?? defaultJobId(parsed);
    const problem = jobIdProblem(id);
    if (problem) throw new InvalidPayloadError(kind, [{ field: 'jobId', reason: problem }]);
    const job = await queues[kind].add(name ?? kind, parsed, { ...jobOptions, jobId: id });
    return String(job.id);
  };

  return {
    enqueueUrlPay: (data, opts) => enqueue('urlpay', data, opts),
    enqueueDelivery: (data, opts) => enqueue('delivery', data, opts),
    enqueueStatusCheck: (data, opts) => enqueue('status', data, opts),
    enqueueCancel: (data, opts) => enqueue('cancel', data, opts),
    enqueue,
    async close() {
      await closeQueues(queues);
      if (!options.connection) await connection.quit();
    },
  };
};
