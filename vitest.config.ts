import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-redis.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.test.ts'],
          globalSetup: ['test/helpers/global-redis.ts'],
          // Chaos files load the machine (worker processes, 1,000-job runs): one file at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Measurements on the wire (a loopback capture, a busy neighbour process): alone, after every other
          // project, so that what they judge is the worker, not the rest of the suite.
          name: 'wire',
          include: ['test/wire/**/*.test.ts'],
          globalSetup: ['test/helpers/global-redis.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          globalSetup: ['test/helpers/global-redis.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The worker's integration tests again, on a local 3-master Redis Cluster. The convention: every file
          // under test/integration/worker/ runs here too, so a new or renamed file there is on the cluster at once.
          // Such a file takes its connections from createRedisConnection (redis-cluster:// URLs) and its keys from
          // testPrefix() or createHarness (test/helpers/harness.ts), whose prefixes are hash-tagged.
          name: 'cluster',
          include: ['test/integration/worker/**/*.test.ts'],
          globalSetup: ['test/helpers/global-redis-cluster.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/global-redis.ts'],
        },
      },
    ],
  },
});
