import { z } from 'zod';
import type { ResultKind } from './names.js';
import { resultCodeSchema } from './result-codes.js';

/**
 * What a payment check found; only on `status` and `notification` results. `awaiting_deposit`: a virtual account
 * CookiePay issued, nothing paid into it yet (never `paid`: the money comes later, or never).
 */
export const paymentStatuses = ['paid', 'awaiting_deposit', 'cancelled', 'unpaid'] as const;

/** A virtual account CookiePay issued for a payment: where the buyer pays in, and by when. */
export const virtualAccountSchema = z.object({
  /** ACCOUNTNO: the account to pay into. */
  accountNo: z.string(),
  /** CARDNAME: the bank's name (for a virtual account CookiePay puts the bank there). */
  bank: z.string(),
  /** RECEIVERNAME: the account's holder (예금주). */
  holder: z.string(),
  /**
   * ISO 8601 time of DEPOSITENDDATE (입금마감일), read as Korean time; null when CookiePay gave none it could be read
   * from (its text stays in `response`).
   */
  depositDeadline: z.string().nullable(),
});

/** What CookiePay's answer says of a payment; on `status` and `notification` results when it answered about one. */
const paymentFields = {
  /** What CookiePay said of the payment: paid, awaiting a deposit, cancelled, or unpaid. */
  paymentStatus: z.enum(paymentStatuses).optional(),
  /** CookiePay's PAYMETHOD as it answered it (CARD, BANK, VACCT, MOBILE, …), when it gave one. */
  paymentMethod: z.string().optional(),
  /** For a virtual account (PAYMETHOD VACCT, or an ACCOUNTNO given): the account, its bank, holder and deadline. */
  virtualAccount: virtualAccountSchema.optional(),
};

/** The fields of every result, whatever its kind. Nothing secret in any of them. */
const commonFields = {
  sourceQueue: z.string(),
  sourceJobId: z.string(),
  ok: z.boolean(),
  /** CookiePay's result code (0000, EA01, E…) or one of the worker's own (workerResultCodes). */
  code: resultCodeSchema,
  message: z.string(),
  /** CookiePay's parsed answer, or null when there was none. */
  response: z.record(z.string(), z.unknown()).nullable(),
  /** How many times CookiePay was asked for this job (polls of a status check not counted). */
  attempts: z.number().int().min(0),
  /** ISO 8601 time the job ended. */
  finishedAt: z.string(),
  /** Field problems, for INVALID_PAYLOAD. */
  issues: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
};

/** A kind's result: `kind` as that one value, the common fields, and the kind's own fields. */
const kindResult = <Kind extends ResultKind, Own extends z.ZodRawShape>(kind: Kind, own: Own) =>
  z.object({ kind: z.literal(kind), ...commonFields, ...own });

/** A payment link created (or not) on `cookiepay-urlpay`. */
export const urlPayResultSchema = kindResult('urlpay', {
  /**
   * The bill's number, on success: CookiePay's BILL_NO when its answer has one, else the one sent (the job's own, or
   * the one derived from its id); absent when neither (a link CookiePay made without one).
   */
  billNo: z.string().optional(),
});

/**
 * An escrow delivery registered (or not) on `cookiepay-delivery`; no fields of its own (ALREADY_REGISTERED: a
 * registration CookiePay refused as sent before, see result-codes.ts).
 */
export const deliveryResultSchema = kindResult('delivery', {});

/**
 * A status check on `cookiepay-status`: `paymentStatus` paid or cancelled; unpaid once polling gave up on a link not
 * paid, or on a virtual account not paid into by its deadline (awaiting_deposit when it had no readable deadline).
 */
export const statusResultSchema = kindResult('status', paymentFields);

/** What a cancel did to the payment, on a `cancel` result that succeeded. */
export const cancelOutcomeSchema = z.object({
  /** The payment's TID. */
  TID: z.string(),
  /** The amount this cancel refunded (CookiePay's cancel_amt, else the amount asked); null when neither says. */
  amount: z.number().int().nullable(),
  /** Whether nothing of the payment remains: a full cancel, or a partial one that took the rest. */
  full: z.boolean(),
  /** What remains of the payment after it (0 when full); null when CookiePay could not be asked (paycert). */
  remaining: z.number().int().nullable(),
});

/**
 * A cancel (refund) on `cookiepay-cancel`: `cancelled` on success (0000, or ALREADY_CANCELLED); ok false with
 * SETTLED_REFUND_BY_DEPOSIT (9029) when the payment is settled and must be refunded by deposit.
 */
export const cancelResultSchema = kindResult('cancel', { cancelled: cancelOutcomeSchema.optional() });

/** A payment notification (Noti) checked with CookiePay, from `cookiepay-notifications`. */
export const notificationResultSchema = kindResult('notification', {
  /** What CookiePay said of the payment, when it answered about it. */
  ...paymentFields,
  /** True only when CookiePay confirmed the payment and its AMOUNT equals the notified one, the first time. */
  verified: z.boolean().optional(),
  /** For DUPLICATE: the job id of the notification that verified the same fact first. */
  duplicateOf: z.string().optional(),
});

/** The summary of a shipment upload once every row has ended (code BATCH_DONE or BATCH_FAILURES). */
export const batchResultSchema = kindResult('batch', {
  batch: z.object({
    id: z.string(),
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    rejected: z.number().int(),
    failures: z.array(
      z.object({ line: z.number().int(), jobId: z.string(), code: z.string(), reason: z.string() }),
    ),
  }),
});

/**
 * The states a payment goes through, in the order it moves forward: a link not paid, a virtual account issued, paid,
 * part of it cancelled, all of it cancelled. (`unpaid` also ends a virtual account whose deadline passed.)
 */
export const paymentStates = [
  'unpaid',
  'awaiting_deposit',
  'paid',
  'partially_cancelled',
  'cancelled',
] as const;

/** What told the worker of a payment's state. */
export const paymentSources = ['notification', 'status', 'cancel', 'reconcile', 'track'] as const;

/**
 * A payment changed state, published once per change (payment events, src/worker/payment-events.ts): `from` is
 * the last state the worker reported (null: none before), `to` the new one. `sourceQueue` is
 * `cookiepay-payment-events` and `sourceJobId` the result's own id (a job's own result stays the only one naming the
 * job); `seenBy` names the job that saw the change. Code PAYMENT_CHANGED.
 */
export const paymentResultSchema = kindResult('payment', {
  /** CookiePay's TID; absent for a link not paid yet (known by its URLKEY only). */
  TID: z.string().optional(),
  /** The link's URLKEY, when known. */
  URLKEY: z.string().optional(),
  from: z.enum(paymentStates).nullable(),
  to: z.enum(paymentStates),
  /** CookiePay's AMOUNT of the payment, when the look that saw the change had it. */
  amount: z.number().int().optional(),
  source: z.enum(paymentSources),
  /** The job that saw the change (a status check, a notification, a cancel, a reconciliation). */
  seenBy: z.object({ queue: z.string(), jobId: z.string() }),
  /** ISO 8601 time the change was seen. */
  observedAt: z.string(),
});

/** One reconciliation against /api/paysearch (code RECONCILED): how many records it read and changes it found. */
export const reconcileResultSchema = kindResult('reconcile', {
  /** The days asked, `YYYY-MM-DD` (Korean time), first and last. */
  from: z.string(),
  to: z.string(),
  records: z.number().int().min(0),
  changes: z.number().int().min(0),
});

/**
 * One job on `cookiepay-results` for every job that ends, named after its kind; `kind` tells which fields it
 * has. A kind's result carries only its own fields (others are dropped when parsed), and none of them is secret.
 */
export const resultSchema = z.discriminatedUnion('kind', [
  urlPayResultSchema,
  deliveryResultSchema,
  statusResultSchema,
  cancelResultSchema,
  notificationResultSchema,
  batchResultSchema,
  paymentResultSchema,
  reconcileResultSchema,
]);

export type UrlPayResult = z.output<typeof urlPayResultSchema>;
export type DeliveryResult = z.output<typeof deliveryResultSchema>;
export type StatusResult = z.output<typeof statusResultSchema>;
export type CancelResult = z.output<typeof cancelResultSchema>;
export type CancelOutcome = z.output<typeof cancelOutcomeSchema>;
export type NotificationResult = z.output<typeof notificationResultSchema>;
export type BatchResult = z.output<typeof batchResultSchema>;
export type PaymentResult = z.output<typeof paymentResultSchema>;
export type ReconcileResult = z.output<typeof reconcileResultSchema>;
export type PaymentState = (typeof paymentStates)[number];
export type PaymentSource = (typeof paymentSources)[number];
export type JobResult = z.output<typeof resultSchema>;
