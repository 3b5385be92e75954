import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpSettings } from './http-deps.js';
import type { LoginThrottle } from './login-throttle.js';

export type AccessMode =
  | { type: 'basic'; username: string; password: string; throttle?: LoginThrottle | undefined }
  | { type: 'open' }
  | { type: 'closed'; message?: string | undefined };

/** Basic auth with both credentials set; open only when BOARD_AUTH=off; else closed (nothing served). */
export const accessModeOf = (settings: HttpSettings, throttle?: LoginThrottle): AccessMode => {
  if (settings.boardAuth === 'off') return { type: 'open' };
  if (settings.boardUsername && settings.boardPassword)
    return { type: 'basic', username: settings.boardUsername, password: settings.boardPassword, throttle };
  return { type: 'closed' };
};

export const metricsClosedMessage = 'set both METRICS_USERNAME and METRICS_PASSWORD (or neither)';

/** /metrics: basic auth with both METRICS_* credentials, open with neither, closed (503) with one of them only. */
export const metricsAccessOf = (settings: HttpSettings, throttle?: LoginThrottle): AccessMode => {
  const { metricsUsername: username, metricsPassword: password } = settings;
  if (username && password) return { type: 'basic', username, password, throttle };
  if (username || password) return { type: 'closed', message: metricsClosedMessage };
  return { type: 'open' };
};

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Compares in constant time (digests of equal length, whatever the inputs' lengths). */
export const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(digest(given), digest(expected));

export const closedMessage =
  'set BOARD_USERNAME and BOARD_PASSWORD to use this (or BOARD_AUTH=off to serve it without credentials)';

export const realm = 'cookiepay-worker';

/** The username and password of a `Basic` Authorization header, or undefined when there is none or it is malformed. */
export const basicCredentialsOf = (
  header: string | undefined,
): { username: string; password: string } | undefined => {
  const match = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
};

const unauthorized = (reply: FastifyReply) =>
  reply
    .code(401)
    .header('www-authenticate', `Basic realm="${realm}", charset="UTF-8"`)
    .send({ error: 'UNAUTHORIZED', message: 'wrong or missing username and password' });

const checkBasic =
  (mode: Extract<AccessMode, { type: 'basic' }>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const retryAfter = mode.throttle?.blockedFor(request.ip);
    if (retryAfter !== undefined)
      return reply
        .code(429)
        .header('retry-after', String(retryAfter))
        .send({
          error: 'TOO_MANY_LOGIN_FAILURES',
          message: `too many failed logins, retry in ${retryAfter} s`,
        });
    const given = basicCredentialsOf(request.headers.authorization);
    if (!given) return unauthorized(reply);
    // Both compared, always, so the time does not tell which one was wrong.
    const userOk = sameSecret(given.username, mode.username);
    const passwordOk = sameSecret(given.password, mode.password);
    if (userOk && passwordOk) {
      mode.throttle?.succeed(request.ip);
      return;
    }
    mode.throttle?.fail(request.ip);
    return unauthorized(reply);
  };

/**
 * Guards every route of an encapsulated scope: basic auth (401 with a WWW-Authenticate challenge; failed logins
 * throttled per source address: 429), nothing (open), or 503 with a message saying which variables to set (closed).
 * The answers are sent here, not thrown, so no plugin's error handler of the scope rewrites them.
 */
export const guardScope = async (scope: FastifyInstance, mode: AccessMode): Promise<void> => {
  if (mode.type === 'open') return;
  if (mode.type === 'closed') {
    const message = mode.message ?? closedMessage;
    scope.addHook('onRequest', async (_request, reply) =>
      reply.code(503).send({ error: 'Service Unavailable', message }),
    );
    return;
  }
  scope.addHook('onRequest', checkBasic(mode));
};
