import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client.js';

export type LuaScript = ((
  redis: RedisClient,
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown>) & { readonly sha: string };

/**
 * A Lua script run by its SHA1 (EVALSHA), so only the hash travels on the hot path; the first call on a server
 * that does not know it yet (NOSCRIPT: a new or restarted Redis, another cluster node) sends the body once.
 */
export const luaScript = (body: string): LuaScript => {
  const sha = createHash('sha1').update(body).digest('hex');
  const run = async (redis: RedisClient, keys: readonly string[], args: readonly (string | number)[]) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(body, keys.length, ...keys, ...args);
    }
  };
  return Object.assign(run, { sha });
};
