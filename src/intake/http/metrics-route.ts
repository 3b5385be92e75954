import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../metrics/create-metrics.js';

/** `GET /metrics`: the Prometheus exposition of the service's own registry (queue depths read on each scrape). */
export const registerMetricsRoute = (app: FastifyInstance, metrics: Metrics): void => {
  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
};
