import { Redis } from 'ioredis';

/** What a key under a prefix is, for the memory figures. */
export type KeyClass = 'job' | 'job-logs' | 'ended-set' | 'events' | 'queue-other' | 'other';

export interface MemoryOfClass {
  keys: number;
  bytes: number;
}

export interface PrefixMemory {
  byQueue: Record<string, Record<KeyClass, MemoryOfClass>>;
  /** Keys that belong to no queue (the token, the rate gate's log), all queues together. */
  other: MemoryOfClass;
  /** Entries in each queue's event stream (XLEN). */
  eventEntries: Record<string, number>;
}

/** BullMQ's own keys of a queue, `<prefix>:<queue>:<name>`; anything else there is a job (or a job's logs). */
const queueOwnKeys = new Set([
  'wait',
  'paused',
  'active',
  'prioritized',
  'delayed',
  'waiting-children',
  'meta',
  'id',
  'pc',
  'marker',
  'limiter',
  'stalled',
  'stalled-check',
  'repeat',
  'metrics:completed',
  'metrics:failed',
]);

const classOf = (rest: string): KeyClass => {
  if (rest === 'events') return 'events';
  if (rest === 'completed' || rest === 'failed') return 'ended-set';
  if (queueOwnKeys.has(rest) || rest.startsWith('de:') || rest.startsWith('metrics:')) return 'queue-other';
  if (rest.endsWith(':logs')) return 'job-logs';
  if (rest.includes(':')) return 'queue-other';
  return 'job';
};

const emptyClasses = (): Record<KeyClass, MemoryOfClass> => ({
  job: { keys: 0, bytes: 0 },
  'job-logs': { keys: 0, bytes: 0 },
  'ended-set': { keys: 0, bytes: 0 },
  events: { keys: 0, bytes: 0 },
  'queue-other': { keys: 0, bytes: 0 },
  other: { keys: 0, bytes: 0 },
});

/**
 * The memory of every key under `prefix:`, by queue and kind of key: `MEMORY USAGE <key> SAMPLES 0` (every element
 * counted, the key's name and dictionary entry included; the allocator's fragmentation is not). Read per key, so
 * other clients' keys on a shared Redis (tests, other runs) do not enter the figure, as they would in INFO's
 * used_memory deltas.
 */
export const prefixMemory = async (
  redisUrl: string,
  prefix: string,
  queues: readonly string[],
): Promise<PrefixMemory> => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const byQueue = Object.fromEntries(queues.map((queue) => [queue, emptyClasses()]));
  const other: MemoryOfClass = { keys: 0, bytes: 0 };
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
      const sizes = (await pipeline.exec()) ?? [];
      keys.forEach((key, index) => {
        const bytes = Number(sizes[index]?.[1] ?? 0);
        const rest = key.slice(prefix.length + 1);
        const queue = queues.find((name) => rest.startsWith(`${name}:`));
        const target = queue
          ? (byQueue[queue] as Record<KeyClass, MemoryOfClass>)[classOf(rest.slice(queue.length + 1))]
          : other;
        target.keys += 1;
        target.bytes += bytes;
      });
    } while (cursor !== '0');
    const eventEntries: Record<string, number> = {};
    for (const queue of queues) eventEntries[queue] = await redis.xlen(`${prefix}:${queue}:events`);
    return { byQueue, other, eventEntries };
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
};

/** Bytes of the kept jobs of a queue (their hashes, logs, and their entries in the completed and failed sets). */
export const keptJobBytes = (memory: PrefixMemory, queue: string): { jobs: number; bytes: number } => {
  const classes = memory.byQueue[queue];
  if (!classes) return { jobs: 0, bytes: 0 };
  return {
    jobs: classes.job.keys,
    bytes: classes.job.bytes + classes['job-logs'].bytes + classes['ended-set'].bytes,
  };
};
