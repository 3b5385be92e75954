import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../metrics/create-metrics.js';
import { type AccessMode, guardScope } from './auth.js';

export const metricsPath = '/metrics';

/**
 * `GET /metrics`: the Prometheus exposition of the service's own registry (queue depths read on each scrape), behind
 * its own basic auth when METRICS_USERNAME/METRICS_PASSWORD are set (`access`; open when absent).
 */
export const registerMetricsRoute = async (
  app: FastifyInstance,
  metrics: Metrics,
  access: AccessMode = { type: 'open' },
): Promise<void> => {
  await app.register(async (scope) => {
    await guardScope(scope, access);
    scope.get(metricsPath, async (_request, reply) => {
      const body = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(body);
    });
  });
};
