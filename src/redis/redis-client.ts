import type { Cluster, Redis } from 'ioredis';

/**
 * A Redis connection: a single server or a Redis Cluster (ioredis). Everything the worker keeps in Redis beyond
 * BullMQ's own keys (token, rate schedule, batches) is addressed with keys under one hash tag per prefix, so its
 * multi-key scripts work on a cluster too.
 */
export type RedisClient = Redis | Cluster;
