import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisClient } from './redis-client.js';

export type ConnectionRole = 'worker' | 'producer';

/**
 * Options of a connection for BullMQ. Workers wait for Redis forever (BullMQ requires maxRetriesPerRequest: null so
 * a Redis restart never fails a blocking call); producers fail fast instead of queueing commands while Redis is down.
 */
export const redisOptionsFor = (role: ConnectionRole): RedisOptions =>
  role === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5_000 };

const clusterSchemes = ['redis-cluster:', 'rediss-cluster:'];

/**
 * A Redis Cluster is named by `redis-cluster://[user:password@]host:port[,host:port...]` (any of its nodes; the
 * others are discovered). Returns the seed nodes and options, or undefined for an ordinary redis:// URL.
 */
export const parseClusterUrl = (
  url: string,
):
  | { nodes: { host: string; port: number }[]; username?: string; password?: string; tls: boolean }
  | undefined => {
  const scheme = clusterSchemes.find((s) => url.startsWith(`${s}//`));
  if (!scheme) return undefined;
  const rest = url.slice(scheme.length + 2).replace(/\/.*$/, '');
  const at = rest.lastIndexOf('@');
  const [username, password] = at >= 0 ? rest.slice(0, at).split(':') : [];
  const nodes = (at >= 0 ? rest.slice(at + 1) : rest).split(',').map((hostPort) => {
    const colon = hostPort.lastIndexOf(':');
    const host = colon > 0 ? hostPort.slice(0, colon) : hostPort;
    const port = colon > 0 ? Number(hostPort.slice(colon + 1)) : 6379;
    if (!host || !Number.isInteger(port) || port <= 0 || port > 65_535)
      throw new Error(`invalid cluster node "${hostPort}"`);
    return { host, port };
  });
  return {
    nodes,
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
    tls: scheme === 'rediss-cluster:',
  };
};

/** A connection to a Redis server (`redis://`, `rediss://`) or a Redis Cluster (`redis-cluster://`). */
export const createRedisConnection = (
  url: string,
  role: ConnectionRole,
  overrides: RedisOptions = {},
): RedisClient => {
  const cluster = parseClusterUrl(url);
  if (!cluster) return new Redis(url, { ...redisOptionsFor(role), ...overrides });
  const redisOptions: RedisOptions = {
    ...redisOptionsFor(role),
    ...(cluster.username ? { username: cluster.username } : {}),
    ...(cluster.password ? { password: cluster.password } : {}),
    ...(cluster.tls ? { tls: {} } : {}),
    ...overrides,
  };
  return new Cluster(cluster.nodes, {
    redisOptions,
    enableReadyCheck: true,
    ...(role === 'producer' ? {} : { clusterRetryStrategy: (times: number) => Math.min(times * 100, 2_000) }),
  });
};

/**
 * On a Redis Cluster every key of a queue must live in one slot: BullMQ's scripts, and ours, touch several keys at
 * once. A prefix with a hash tag (`{cookiepay}`) does that. Throws with the fix when a cluster URL comes without one.
 */
export const assertPrefixFitsConnection = (url: string, prefix: string): void => {
  if (parseClusterUrl(url) && !/\{[^}]+\}/.test(prefix)) {
    throw new Error(
      `QUEUE_PREFIX "${prefix}" has no hash tag: on a Redis Cluster use one like {${prefix}} so each queue's keys share a slot`,
    );
  }
};
