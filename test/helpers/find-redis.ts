import { pingRedis, startRedisServer } from '../../src/dev/local-redis.js';

export { freePort, pingRedis, startRedisServer } from '../../src/dev/local-redis.js';

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

export const findRedis = async (localUrl = 'redis://127.0.0.1:6379'): Promise<FoundRedis> => {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    if (await pingRedis(fromEnv)) return { url: fromEnv, description: 'REDIS_URL', stop: async () => {} };
    throw new Error(`REDIS_URL is set but no Redis answers there.\n${NO_REDIS}`);
  }
  if (await pingRedis(localUrl)) {
    return { url: localUrl, description: `${localUrl} (already running)`, stop: async () => {} };
  }
  const docker = await fromDocker();
  if (docker) return docker;
  try {
    const server = await startRedisServer();
    return { url: server.url, description: `redis-server started on port ${server.port}`, stop: server.stop };
  } catch {
    throw new Error(NO_REDIS);
  }
};
