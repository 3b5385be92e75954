import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { freePort, pingRedis, startRedisServer } from '../../../src/dev/local-redis.js';
import { findRedis } from '../../helpers/find-redis.js';

describe('finding or starting a Redis', () => {
  it('pingRedis answers false quickly for a port where nothing listens', async () => {
    const port = await freePort();
    const started = Date.now();
    expect(await pingRedis(`redis://127.0.0.1:${port}`, 500)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('startRedisServer runs a redis-server on a free port, with AOF when asked, and stops it', async () => {
    const server = await startRedisServer({ appendonly: true });
    const client = new Redis(server.url);
    try {
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      await client.set('k', 'v');
      expect(await client.get('k')).toBe('v');
    } finally {
      client.disconnect();
      await server.stop();
    }
    expect(await pingRedis(server.url, 300)).toBe(false);
  });

  it('findRedis fails at once with one message when REDIS_URL points nowhere', async () => {
    const previous = process.env.REDIS_URL;
    process.env.REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    try {
      const started = Date.now();
      await expect(findRedis()).rejects.toThrow(
        /REDIS_URL is set but no Redis answers there[\s\S]*redis-server/,
      );
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      if (previous === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = previous;
    }
  });
});

describe('findRedis without REDIS_URL and without a Redis on the usual port', () => {
  it('goes on to Docker, and without a Docker engine starts a redis-server of its own', async () => {
    const previous = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
    try {
      const found = await findRedis(`redis://127.0.0.1:${await freePort()}`);
      try {
        expect(found.description).toMatch(/redis-server started on port|testcontainers/);
        expect(await pingRedis(found.url)).toBe(true);
      } finally {
        await found.stop();
      }
    } finally {
      if (previous !== undefined) process.env.REDIS_URL = previous;
    }
  });
});
