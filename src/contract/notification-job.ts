import { createHash } from 'node:crypto';
import { z } from 'zod';
import { maxNotificationBodyBytes } from '../config/env.js';
import {
  approvalNotificationSchema,
  cancelNotificationSchema,
  readNotificationBody,
} from '../cookiepay/schemas/notification.js';
import type { FieldProblem } from '../shared/field-problems.js';
import { InvalidPayloadError, payloadProblemsOf } from './invalid-payload-error.js';

/**
 * The data of a job on `cookiepay-notifications`: a notification as it was received, stored before it is answered.
 * The raw body holds buyer data (name, phone, e-mail) but nothing secret of ours; it is never logged.
 */
export const notificationRecordSchema = z.object({
  /** The body exactly as it came (UTF-8 text), whatever its content type. */
  rawBody: z.string().max(maxNotificationBodyBytes, {
    error: `must be at most ${maxNotificationBodyBytes} characters`,
  }),
  /** The Content-Type header it came with; null when it had none. Informational: the body decides how it is read. */
  contentType: z.string().max(200).nullable(),
  /** ISO 8601 time it was received: the verification window starts here. */
  receivedAt: z.iso.datetime({ error: 'must be an ISO 8601 time' }),
  /** The address it came from (the socket's, or the one a trusted proxy gave). */
  sourceAddress: z.string().max(100),
});

export type NotificationRecord = z.output<typeof notificationRecordSchema>;

/** Kinds of notified event. A virtual account's deposit comes in the approval form, one per payment. */
export const notificationKinds = ['approval', 'cancel'] as const;

/**
 * What a notification claims, normalised: the facts that are verified with CookiePay and deduplicated. `amount` is
 * a number ("01000" is 1000); a cancel without `cancel_amount` has none (the whole payment).
 */
export const notificationFactsSchema = z.object({
  kind: z.enum(notificationKinds),
  TID: z.string().min(1),
  amount: z.number().int().min(0).optional(),
  /** The API_ID the notification names, when it names one. */
  apiId: z.string().optional(),
});

export type NotificationFacts = z.output<typeof notificationFactsSchema>;

export type NotificationReading =
  | { ok: true; facts: NotificationFacts }
  | { ok: false; issues: FieldProblem[] };

const compact = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;

/**
 * The facts of a raw notification body: the one schema of a notification, used by the receiver (to name the job)
 * and by the worker (to verify it), so what one reads the other reads the same. Pure.
 */
export const readNotification = (rawBody: string): NotificationReading => {
  const body = readNotificationBody(rawBody);
  if (!body.ok) return body;
  if ('noti_type' in body.fields) {
    const result = cancelNotificationSchema.safeParse(body.fields, { reportInput: true });
    if (!result.success) return { ok: false, issues: payloadProblemsOf(result.error) };
    const { tid, cancel_amount, API_ID } = result.data;
    return {
      ok: true,
      facts: compact<NotificationFacts>({ kind: 'cancel', TID: tid, amount: cancel_amount, apiId: API_ID }),
    };
  }
  const result = approvalNotificationSchema.safeParse(body.fields, { reportInput: true });
  if (!result.success) return { ok: false, issues: payloadProblemsOf(result.error) };
  const { TID, AMOUNT, API_ID } = result.data;
  return {
    ok: true,
    facts: compact<NotificationFacts>({ kind: 'approval', TID, amount: AMOUNT, apiId: API_ID }),
  };
};

/**
 * The job data an earlier version stored (the identity fields, no raw body): still verified after an upgrade, so
 * that nothing waiting in the queue is lost.
 */
const earlierJobSchema = z.object({
  type: z.enum(notificationKinds),
  TID: z.string().trim().min(1).max(100),
  AMOUNT: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional(),
});

/** What the worker verifies: the facts, and when the notification was received (ms; absent for earlier jobs). */
export interface NotificationWork {
  facts: NotificationFacts;
  receivedAt?: number | undefined;
}

/**
 * Reads a job on `cookiepay-notifications`. A record whose body cannot be read or validated throws
 * InvalidPayloadError naming the fields: the job fails at once and stays, with its raw body, in the board.
 */
export const parseNotificationJob = (data: unknown): NotificationWork => {
  const record = notificationRecordSchema.safeParse(data, { reportInput: true });
  if (record.success) {
    const reading = readNotification(record.data.rawBody);
    if (!reading.ok) throw new InvalidPayloadError('notification', reading.issues);
    return { facts: reading.facts, receivedAt: Date.parse(record.data.receivedAt) };
  }
  const earlier = earlierJobSchema.safeParse(data);
  if (earlier.success) {
    const { type, TID, AMOUNT } = earlier.data;
    return {
      facts: compact<NotificationFacts>({
        kind: type,
        TID,
        amount: AMOUNT === undefined ? undefined : Number(AMOUNT),
      }),
    };
  }
  throw new InvalidPayloadError('notification', payloadProblemsOf(record.error));
};

/**
 * The job id of a received notification: a hash of its raw body, so the same body received twice is one job, and a
 * forged body can never take the id of a genuine one (it would have to be that body). No `:`, never all digits.
 */
export const notificationJobId = (rawBody: string): string =>
  `noti-${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;

/** The job's name, for the board: the kind of notification, or `unreadable` when its body cannot be read. */
export const notificationJobName = (reading: NotificationReading): string =>
  reading.ok ? reading.facts.kind : 'unreadable';
