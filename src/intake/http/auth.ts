import { createHash, timingSafeEqual } from 'node:crypto';
import fastifyBasicAuth from '@fastify/basic-auth';
import type { FastifyInstance } from 'fastify';
import type { HttpSettings } from './http-deps.js';

export type AccessMode =
  | { type: 'basic'; username: string; password: string }
  | { type: 'open' }
  | { type: 'closed' };

/** Basic auth with both credentials set; open only when BOARD_AUTH=off; else closed (nothing served). */
export const accessModeOf = (settings: HttpSettings): AccessMode => {
  if (settings.boardAuth === 'off') return { type: 'open' };
  if (settings.boardUsername && settings.boardPassword)
    return { type: 'basic', username: settings.boardUsername, password: settings.boardPassword };
  return { type: 'closed' };
};

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Compares in constant time (digests of equal length, whatever the inputs' lengths). */
export const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(digest(given), digest(expected));

export const closedMessage =
  'set BOARD_USERNAME and BOARD_PASSWORD to use this (or BOARD_AUTH=off to serve it without credentials)';

/**
 * Guards every route of an encapsulated scope: basic auth (401 with a WWW-Authenticate challenge), nothing
 * (open), or 503 with a message saying which variables to set (closed).
 */
export const guardScope = async (scope: FastifyInstance, mode: AccessMode): Promise<void> => {
  if (mode.type === 'open') return;
  if (mode.type === 'closed') {
    scope.addHook('onRequest', async (_request, reply) =>
      reply.code(503).send({ error: 'Service Unavailable', message: closedMessage }),
    );
    return;
  }
  await scope.register(fastifyBasicAuth, {
    authenticate: { realm: 'cookiepay-worker' },
    validate: async (username, password) => {
      // Both compared, always, so the time does not tell which one was wrong.
      const userOk = sameSecret(username, mode.username);
      const passwordOk = sameSecret(password, mode.password);
      if (!userOk || !passwordOk) return new Error('wrong username or password');
    },
  });
  scope.addHook('onRequest', scope.basicAuth);
};
