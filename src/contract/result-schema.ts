import { z } from 'zod';
import { resultKinds } from './names.js';

/** What a payment check found; only on `status` and `notification` results. */
export const paymentStatuses = ['paid', 'cancelled', 'unpaid'] as const;

/**
 * One job on `cookiepay-results` for every job that ends, named after its kind. Nothing secret in it.
 * `code` is CookiePay's result code (0000, EA01, E…) or one of the worker's own (INVALID_PAYLOAD, TIMEOUT,
 * NETWORK, HTTP_STATUS, INVALID_RESPONSE, TOKEN_REJECTED, RATE_LIMITED, CANCELLED).
 */
export const resultSchema = z.object({
  kind: z.enum(resultKinds),
  sourceQueue: z.string(),
  sourceJobId: z.string(),
  ok: z.boolean(),
  code: z.string(),
  message: z.string(),
  /** CookiePay's parsed answer, or null when there was none. */
  response: z.record(z.string(), z.unknown()).nullable(),
  /** How many times CookiePay was asked for this job (polls of a status check not counted). */
  attempts: z.number().int().min(0),
  /** ISO 8601 time the job ended. */
  finishedAt: z.string(),
  /** Field problems, for INVALID_PAYLOAD. */
  issues: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
  /** For status checks: what CookiePay said of the payment. */
  paymentStatus: z.enum(paymentStatuses).optional(),
  /** For urlpay: the BILL_NO that was sent (the job's own, or the one derived from its id). */
  billNo: z.string().optional(),
  /** For notifications: true only when CookiePay confirmed the payment and its AMOUNT equals the notified one. */
  verified: z.boolean().optional(),
  /** For batches: the summary of an upload once every row has ended. */
  batch: z
    .object({
      id: z.string(),
      total: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      rejected: z.number().int(),
      failures: z.array(
        z.object({ line: z.number().int(), jobId: z.string(), code: z.string(), reason: z.string() }),
      ),
    })
    .optional(),
});

export type JobResult = z.output<typeof resultSchema>;
