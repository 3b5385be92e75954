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
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          globalSetup: ['test/helpers/global-redis.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The worker's integration tests again, on a local 3-master Redis Cluster (hash-tagged prefixes).
          name: 'cluster',
          include: [
            'test/integration/worker/retries-and-results.test.ts',
            'test/integration/worker/status-polling.test.ts',
            'test/integration/worker/throttling.test.ts',
            'test/integration/worker/producer-and-cli.test.ts',
            'test/integration/worker/crash-and-shutdown.test.ts',
          ],
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
