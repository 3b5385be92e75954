import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, type RedisServerProcess, startRedisServer } from '../../src/dev/local-redis.js';
import { waitUntil } from './wait.js';

const run = promisify(execFile);

export interface LocalCluster {
  /** `redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3` */
  url: string;
  ports: number[];
  stop: () => Promise<void>;
}

const clusterOk = async (port: number): Promise<boolean> => {
  const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    return String(await client.cluster('INFO')).includes('cluster_state:ok');
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
};

/** A 3-master Redis Cluster from redis-server binaries on free loopback ports, in a temporary directory. */
export const startRedisCluster = async (masters = 3): Promise<LocalCluster> => {
  const dir = await mkdtemp(join(tmpdir(), 'cookiepay-cluster-'));
  const servers: RedisServerProcess[] = [];
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      servers.push(
        await startRedisServer({
          port,
          dir,
          extraArgs: [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--cluster-node-timeout',
            '3000',
          ],
        }),
      );
    }
    const ports = servers.map((s) => s.port);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitUntil(async () => (await Promise.all(ports.map(clusterOk))).every(Boolean), {
      timeoutMs: 20_000,
      intervalMs: 100,
      message: 'the local Redis Cluster to reach cluster_state:ok',
    });
    return {
      url: `redis-cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`,
      ports,
      stop: async () => {
        await Promise.all(servers.map((s) => s.stop()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
};
