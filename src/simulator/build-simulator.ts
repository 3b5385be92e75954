import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { SimulatorContext } from './context.js';
import { registerControlRoutes } from './control-routes.js';
import { isSimulatedEndpoint } from './endpoints.js';
import { UnparsedBody } from './manual/check-request.js';
import type { Violation } from './manual/request-table.js';
import type { SimulatorOptions } from './options.js';
import { registerPaymentControlRoutes } from './payment-control-routes.js';
import { resultBody, resultCodes } from './result-codes.js';
import { registerCancelRoute } from './routes/cancel-route.js';
import { registerCertRoutes } from './routes/cert-routes.js';
import { registerDeliveryRoute } from './routes/delivery-route.js';
import { registerPayPageRoute } from './routes/pay-page-route.js';
import { registerPaySearchRoute } from './routes/pay-search-route.js';
import { registerTokenRoute } from './routes/token-route.js';
import { registerUrlPayRoute } from './routes/url-pay-route.js';

const BAD_BODY = { code: resultCodes.invalidField.code, message: '요청 본문이 올바른 JSON이 아닙니다' };

/**
 * Every body is read as text and parsed as JSON whatever its content type (or none), so that the manual's checks
 * see what was sent: a wrong content type is a violation of its own, a body that is not JSON an UnparsedBody.
 */
const parseAnyBody = (
  _request: unknown,
  text: string | Buffer,
  done: (error: null, body?: unknown) => void,
) => {
  const body = String(text);
  if (body === '') return done(null, undefined);
  try {
    done(null, JSON.parse(body));
  } catch {
    done(null, new UnparsedBody(Buffer.byteLength(body)));
  }
};

/**
 * The simulator's fastify app, not listening. Fastify's own request logging is off (thousands of requests a
 * second; and headers carry secrets); the simulator logs only its own events.
 */
export const buildSimulator = (context: SimulatorContext, options: SimulatorOptions): FastifyInstance => {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, parseAnyBody);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const path = request.routeOptions.url ?? request.url;
    const status = error.statusCode ?? 500;
    if (isSimulatedEndpoint(path) && status >= 400 && status < 500) {
      const at = context.now();
      const violations: Violation[] = [{ field: '(body)', reason: error.message }];
      const rawHeaders = request.raw.rawHeaders;
      const entry = context.log.add(path, at, undefined, request.headers, { rawHeaders, violations });
      context.onViolation?.({ seq: entry.seq, endpoint: path, at, violations });
      entry.outcome = 'bad-request';
      entry.status = 200;
      entry.resultCode = BAD_BODY.code;
      return reply.code(200).send(resultBody(path, BAD_BODY));
    }
    if (status >= 500) context.logger?.error({ err: error, path }, 'simulator route failed');
    return reply.code(status).send({ error: error.message });
  });

  registerTokenRoute(app, context);
  registerUrlPayRoute(app, context);
  registerCertRoutes(app, context);
  registerPaySearchRoute(app, context);
  registerDeliveryRoute(app, context);
  registerCancelRoute(app, context);
  registerPayPageRoute(app, context);
  registerPaymentControlRoutes(app, context);
  registerControlRoutes(app, context, options);
  return app;
};
