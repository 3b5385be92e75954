import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ApprovalNotification, CancelNotification } from '../cookiepay/schemas/notification.js';
import { InvalidPayloadError, payloadProblemsOf } from './invalid-payload-error.js';

/**
 * The data of a verification job on `cookiepay-notifications`: only what identifies the notified payment, never
 * the raw body. `AMOUNT` is the notified amount (for a cancel, the cancelled amount when it was given).
 */
export const notificationJobSchema = z.object({
  type: z.enum(['approval', 'cancel'], { error: 'must be approval or cancel' }),
  TID: z.string().trim().min(1, { error: 'is required' }).max(50),
  AMOUNT: z
    .string()
    .regex(/^\d{0,10}$/, { error: 'must contain at most 10 digits' })
    .optional(),
  /** The link's URLKEY (the Noti's SMS_INPUT), checked with urlcert when present. */
  URLKEY: z.string().trim().min(1).max(50).optional(),
  ORDERNO: z.string().max(100).optional(),
});

export type NotificationJob = z.output<typeof notificationJobSchema>;

export const parseNotificationJob = (data: unknown): NotificationJob => {
  const result = notificationJobSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new InvalidPayloadError('notification', payloadProblemsOf(result.error));
  return result.data;
};

const present = (value: string | null | undefined): string | undefined =>
  value && value.trim() !== '' ? value.trim() : undefined;

const compact = (job: NotificationJob): NotificationJob =>
  Object.fromEntries(Object.entries(job).filter(([, value]) => value !== undefined)) as NotificationJob;

export const approvalJobOf = (noti: ApprovalNotification): NotificationJob =>
  compact({
    type: 'approval',
    TID: noti.TID,
    AMOUNT: noti.AMOUNT,
    URLKEY: present(noti.SMS_INPUT),
    ORDERNO: present(noti.ORDERNO),
  });

export const cancelJobOf = (noti: CancelNotification): NotificationJob =>
  compact({
    type: 'cancel',
    TID: noti.tid,
    AMOUNT: present(noti.cancel_amount),
    ORDERNO: present(noti.orderno),
  });

/**
 * The job id of a notification: a hash of what identifies it (type, TID, AMOUNT, and a cancel's date), so the
 * same notification received twice makes one job and one result. No `:` and never all digits.
 */
export const notificationJobId = (job: NotificationJob, cancelDate?: string | null): string => {
  const identity = [job.type, job.TID, job.AMOUNT ?? '', cancelDate?.trim() ?? ''].join('\u0000');
  return `noti-${job.type}-${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
};
