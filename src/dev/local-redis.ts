import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** True when a Redis answers PING at `url` within `timeoutMs`. */
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
  /** Kills it at once (SIGKILL), as a crash would. */
  kill: () => Promise<void>;
}

export interface RedisServerOptions {
  appendonly?: boolean;
  port?: number;
  /** Data directory; a temporary one (removed on stop) when not given. */
  dir?: string;
  extraArgs?: string[];
}

/** Starts `redis-server` from PATH on a loopback port (a free one unless given). */
export const startRedisServer = async (options: RedisServerOptions = {}): Promise<RedisServerProcess> => {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'cookiepay-redis-')));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir];
  args.push(
    '--appendonly',
    options.appendonly ? 'yes' : 'no',
    '--appendfsync',
    'always',
    ...(options.extraArgs ?? []),
  );
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
    await sleep(50);
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await once(child, 'exit');
    }
  };
  return {
    url,
    port,
    kill: () => end('SIGKILL'),
    stop: async () => {
      await end('SIGTERM');
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
};
