import type { FastifyInstance } from 'fastify';
import type { HttpAppDeps } from './http-deps.js';

const timeout = (ms: number): Promise<never> =>
  new Promise((_resolve, reject) => {
    setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms).unref();
  });

/** `GET /healthz`: the process answers. `GET /readyz`: Redis answers PING in time (else 503 with the reason). */
export const registerHealthRoutes = (
  app: FastifyInstance,
  deps: Pick<HttpAppDeps, 'redis' | 'readyTimeoutMs'>,
): void => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      const answer = await Promise.race([deps.redis.ping(), timeout(deps.readyTimeoutMs ?? 1_000)]);
      if (answer !== 'PONG') throw new Error(`Redis answered ${answer}`);
      return { status: 'ready', redis: 'ok' };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return reply.code(503).send({ status: 'not ready', redis: reason });
    }
  });
};
