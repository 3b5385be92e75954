import rateLimit from '@fastify/rate-limit';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyRequest, RouteShorthandOptions } from 'fastify';
import {
  type NotificationRecord,
  notificationJobId,
  notificationJobName,
  readNotification,
} from '../../contract/notification-job.js';
import { type AddressRange, addressMatcher } from '../../shared/address-ranges.js';

export const notificationPath = '/cookiepay/notification';

/** What CookiePay's own example answers to a notification it may consider delivered. */
export const notificationAnswer = '<RESULT>SUCCESS</RESULT>';

/** Notifications one source address may send per minute unless told otherwise (NOTIFICATION_RATE_LIMIT_PER_MINUTE). */
export const defaultNotificationRatePerMinute = 600;

export interface NotificationRouteDeps {
  queue: Pick<Queue, 'add'>;
  /** Largest body; 413 above it. */
  bodyLimitBytes: number;
  /** Notifications per minute from one source address (429 with Retry-After beyond); 0: no limit. */
  ratePerMinute?: number | undefined;
  /** The only addresses notifications are accepted from (CookiePay's); empty or absent: every address. */
  allowedSources?: readonly AddressRange[] | undefined;
  now?: (() => number) | undefined;
}

const forbidden = { error: 'FORBIDDEN', message: 'notifications are not accepted from this address' };

/** A rate-limited sender gets 429 (with Retry-After, set by @fastify/rate-limit) through the app's error handler. */
const tooMany = (_request: FastifyRequest, context: { after: string }) =>
  Object.assign(new Error(`too many notifications from this address, retry in ${context.after}`), {
    statusCode: 429,
    code: 'RATE_LIMITED',
  });

/**
 * `POST /cookiepay/notification`: CookiePay's Noti, kept before it is answered. Whatever its content type (JSON,
 * form-encoded, none, anything), the raw body is stored with its content type, the time and the source address as a
 * job on `cookiepay-notifications` (its id a hash of the body: the same body twice is one job), and only then
 * answered 200 `<RESULT>SUCCESS</RESULT>`; 503 when it could not be stored, 413 over the body limit. The worker reads
 * and verifies it; a body it cannot read stays as a failed job, with its reasons. Nothing in a notification is
 * trusted, nothing of it is logged but its job id, kind and TID.
 *
 * With `allowedSources`, other addresses get 403 and nothing is stored, and the addresses listed are not
 * rate-limited (CookiePay sends a notification once: a 429 would lose it). Without, every address is limited to
 * `ratePerMinute`, each on its own, so a forger's flood never limits CookiePay's servers.
 */
export const registerNotificationRoute = async (
  app: FastifyInstance,
  deps: NotificationRouteDeps,
): Promise<void> => {
  const allowed = deps.allowedSources?.length ? addressMatcher(deps.allowedSources) : undefined;
  const ratePerMinute = deps.ratePerMinute ?? defaultNotificationRatePerMinute;
  const limited = ratePerMinute > 0 && allowed === undefined;
  const now = deps.now ?? Date.now;
  await app.register(async (scope) => {
    const contentTypes = new WeakMap<FastifyRequest, string | null>();
    // Every body is read as the text it is, whatever it claims to be: the worker decides how to read it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    if (allowed) {
      scope.addHook('onRequest', async (request, reply) => {
        if (!allowed(request.ip)) return reply.code(403).send(forbidden);
      });
    }
    scope.addHook('preParsing', async (request, _reply, payload) => {
      const header = request.headers['content-type'];
      contentTypes.set(request, header === undefined ? null : String(header).slice(0, 200));
      // A missing or malformed content type would be refused (415) before any parser: every one is the same here.
      request.headers['content-type'] = 'application/octet-stream';
      return payload;
    });
    if (limited) await scope.register(rateLimit, { global: false, errorResponseBuilder: tooMany });
    const options: RouteShorthandOptions = {
      bodyLimit: deps.bodyLimitBytes,
      ...(limited ? { config: { rateLimit: { max: ratePerMinute, timeWindow: 60_000 } } } : {}),
    };
    scope.post(notificationPath, options, async (request, reply) => {
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const record: NotificationRecord = {
        rawBody,
        contentType: contentTypes.get(request) ?? null,
        receivedAt: new Date(now()).toISOString(),
        sourceAddress: request.ip,
      };
      const jobId = notificationJobId(rawBody);
      const reading = readNotification(rawBody);
      const kind = notificationJobName(reading);
      try {
        await deps.queue.add(kind, record, { jobId });
      } catch (error) {
        request.log.error({ err: error, jobId }, 'could not store a notification');
        return reply.code(503).send({ error: 'UNAVAILABLE', message: 'could not store the notification' });
      }
      request.log.info(
        { jobId, kind, tid: reading.ok ? reading.facts.TID : undefined, source: request.ip },
        'notification stored',
      );
      return reply.code(200).type('text/html; charset=utf-8').send(notificationAnswer);
    });
  });
};
