import 'vitest';
import type { TestProject } from 'vitest/node';
import { findRedis } from './find-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let stop: (() => Promise<void>) | undefined;

/**
 * Finds a Redis for the integration tests, in this order: REDIS_URL; a Redis answering on 127.0.0.1:6379;
 * a Docker engine through testcontainers; a `redis-server` binary started on a free port. Otherwise fails at
 * once with one message saying how to get Redis.
 */
export async function setup(project: TestProject): Promise<void> {
  const redis = await findRedis();
  console.log(`[tests] Redis: ${redis.description}`);
  project.provide('redisUrl', redis.url);
  stop = redis.stop;
}

export async function teardown(): Promise<void> {
  await stop?.();
}
