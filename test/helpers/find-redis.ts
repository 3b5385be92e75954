import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface FoundRedis {
  url: string;
  description: string;
  stop: () => Promise<void>;
}

const NO_REDIS = [
  'No Redis for the integration tests. Any one of these works:',
  '  - set REDIS_URL=redis://host:port to a Redis you have;',
  '  - run a Redis on 127.0.0.1:6379 (docker compose up -d redis);',
  '  - start a Docker engine (testcontainers will start redis:7-alpine);',
  '  - install the redis-server binary (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).',
].join('\n');

export const pingRedis = async (url: string, timeoutMs = 1500): Promise<boolean> => {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
};

const fromDocker = async (): Promise<FoundRedis | undefined> => {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const { RedisContainer } = await import('@testcontainers/redis');
  const container = await new RedisContainer('redis:7-alpine').start();
  return {
    url: container.getConnectionUrl(),
    description: 'redis:7-alpine started by testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
};

export const freePort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
};

export interface RedisServerProcess {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** Starts `redis-server` from PATH on a free loopback port, in a temporary directory removed on stop. */
export const startRedisServer = async (
  options: { appendonly?: boolean; port?: number; dir?: string; extraArgs?: string[] } = {},
): Promise<RedisServerProcess> => {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'cookiepay-redis-')));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    options.appendonly ? 'yes' : 'no',
    '--appendfsync',
    'always',
    '--dir',
    dir,
    ...(options.extraArgs ?? []),
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const spawned = await Promise.race([
    once(child, 'spawn').then(() => true),
    once(child, 'error').then(() => false),
  ]);
  if (!spawned) throw new Error('redis-server is not on PATH');
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await pingRedis(url, 300))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
};

export const findRedis = async (): Promise<FoundRedis> => {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    if (await pingRedis(fromEnv)) return { url: fromEnv, description: 'REDIS_URL', stop: async () => {} };
    throw new Error(`REDIS_URL is set but no Redis answers there.\n${NO_REDIS}`);
  }
  const local = 'redis://127.0.0.1:6379';
  if (await pingRedis(local))
    return { url: local, description: `${local} (already running)`, stop: async () => {} };
  const docker = await fromDocker();
  if (docker) return docker;
  try {
    const server = await startRedisServer();
    return { url: server.url, description: `redis-server started on port ${server.port}`, stop: server.stop };
  } catch {
    throw new Error(NO_REDIS);
  }
};
