import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * Errors as small JSON: `{ error, message }` with fastify's status (400 malformed JSON, 413 too large, 415 …);
 * 5xx messages are logged, not shown.
 */
export const installErrorHandler = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message = status >= 500 ? 'internal error' : error.message;
    return reply.code(status).send({ error: error.code ?? 'ERROR', message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` }),
  );
};
