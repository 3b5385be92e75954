import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { payloadProblemsOf } from '../../contract/invalid-payload-error.js';
import {
  approvalJobOf,
  cancelJobOf,
  type NotificationJob,
  notificationJobId,
} from '../../contract/notification-job.js';
import {
  approvalNotificationSchema,
  cancelNotificationSchema,
} from '../../cookiepay/schemas/notification.js';
import type { FieldProblem } from '../../shared/field-problems.js';

export const notificationPath = '/cookiepay/notification';

/** What CookiePay's own example answers to a notification it may consider delivered. */
export const notificationAnswer = '<RESULT>SUCCESS</RESULT>';

type Parsed = { ok: true; job: NotificationJob; jobId: string } | { ok: false; issues: FieldProblem[] };

const isObject = (body: unknown): body is Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body);

/** The lower-case cancel form when it says `noti_type`, else the approval form. */
export const parseNotification = (body: unknown): Parsed => {
  if (!isObject(body)) return { ok: false, issues: [{ field: '(body)', reason: 'must be a JSON object' }] };
  if ('noti_type' in body) {
    const result = cancelNotificationSchema.safeParse(body, { reportInput: true });
    if (!result.success) return { ok: false, issues: payloadProblemsOf(result.error) };
    const job = cancelJobOf(result.data);
    return { ok: true, job, jobId: notificationJobId(job, result.data.cancel_date) };
  }
  const result = approvalNotificationSchema.safeParse(body, { reportInput: true });
  if (!result.success) return { ok: false, issues: payloadProblemsOf(result.error) };
  const job = approvalJobOf(result.data);
  return { ok: true, job, jobId: notificationJobId(job) };
};

/**
 * `POST /cookiepay/notification`: CookiePay's Noti. Nothing in it is signed, so nothing in it is trusted: a valid
 * body becomes a verification job (the same notification twice: one job) and is answered 200 at once with
 * `<RESULT>SUCCESS</RESULT>`; the worker asks CookiePay and publishes the verdict. 400 invalid, 413 too large,
 * 503 when the job could not be stored (CookiePay may send it again).
 */
export const registerNotificationRoute = (
  app: FastifyInstance,
  deps: { queue: Queue; bodyLimitBytes: number },
): void => {
  app.post(notificationPath, { bodyLimit: deps.bodyLimitBytes }, async (request, reply) => {
    const parsed = parseNotification(request.body);
    if (!parsed.ok) {
      const message = parsed.issues.map((issue) => `${issue.field} ${issue.reason}`).join('; ');
      return reply.code(400).send({ error: 'INVALID_NOTIFICATION', message, issues: parsed.issues });
    }
    try {
      await deps.queue.add(parsed.job.type, parsed.job, { jobId: parsed.jobId });
    } catch (error) {
      request.log.error({ err: error, jobId: parsed.jobId }, 'could not enqueue a notification');
      return reply.code(503).send({ error: 'UNAVAILABLE', message: 'could not store the notification' });
    }
    request.log.info(
      { jobId: parsed.jobId, type: parsed.job.type, tid: parsed.job.TID },
      'notification received',
    );
    return reply.code(200).type('text/html; charset=utf-8').send(notificationAnswer);
  });
};
