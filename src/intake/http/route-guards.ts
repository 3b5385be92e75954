import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RedisClient } from '../../redis/redis-client.js';
import { notificationPath } from './notification-route.js';

/** Methods that write nothing. */
export const safeMethods: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

/**
 * The only routes that take writes under BOARD_READ_ONLY: CookiePay's notifications (a payment's facts, which must
 * keep arriving whatever the operators' board may do).
 */
export const readOnlyAllowlist: readonly string[] = [notificationPath];

/** Routes that answer without Redis; every other one needs it (a route added later too). */
const withoutRedis = (route: string): boolean =>
  route === '/healthz' ||
  route === '/readyz' ||
  ((route === '/board' || route.startsWith('/board/')) && !route.startsWith('/board/api'));

const routeOf = (request: FastifyRequest): string | undefined => request.routeOptions.url;

/** BOARD_READ_ONLY: every write to any route but the allowlisted ones is refused with 405, before anything is read. */
export const guardReadOnly = (app: FastifyInstance, readOnly: boolean): void => {
  if (!readOnly) return;
  app.addHook('onRequest', async (request, reply) => {
    const route = routeOf(request);
    if (route === undefined || safeMethods.includes(request.method) || readOnlyAllowlist.includes(route))
      return;
    return reply.code(405).header('allow', safeMethods.join(', ')).send({
      error: 'READ_ONLY',
      message: 'BOARD_READ_ONLY=true: this server takes no writes (but notifications)',
    });
  });
};

/** True once the connection is ready, waiting `ms` at most (a connection still being made at start). */
export const readyWithin = (
  redis: Pick<RedisClient, 'status' | 'once' | 'off'>,
  ms: number,
): Promise<boolean> => {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(redis.status === 'ready');
    }, ms);
    redis.once('ready', onReady);
  });
};

/**
 * While the connection is not ready (Redis down, at start or later), every route that needs Redis answers 503 within
 * `waitMs` instead of waiting for it; they answer again by themselves once it reconnected. After the route's own guard
 * (auth) and before its handler.
 */
export const guardRedis = (
  app: FastifyInstance,
  redis: Pick<RedisClient, 'status' | 'once' | 'off'>,
  waitMs = 500,
): void => {
  app.addHook('preHandler', async (request, reply) => {
    const route = routeOf(request);
    if (route === undefined || withoutRedis(route) || (await readyWithin(redis, waitMs))) return;
    return reply
      .code(503)
      .header('retry-after', '1')
      .send({ error: 'UNAVAILABLE', message: `Redis is not reachable (${redis.status})` });
  });
};
