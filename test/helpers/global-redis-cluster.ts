import 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './redis-cluster.js';

let stop: (() => Promise<void>) | undefined;

/** The `cluster` project: the same integration tests, on a local 3-master Redis Cluster. */
export async function setup(project: TestProject): Promise<void> {
  const cluster = await startRedisCluster();
  console.log(`[tests] Redis Cluster: ${cluster.url}`);
  project.provide('redisUrl', cluster.url);
  stop = cluster.stop;
}

export async function teardown(): Promise<void> {
  await stop?.();
}
