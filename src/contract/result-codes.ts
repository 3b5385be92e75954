import { z } from 'zod';

/**
 * Every code the worker itself puts in a result's `code`. Any other code is CookiePay's own (0000 on success,
 * EA01, E…), passed through as CookiePay answered it. README lists the same codes (a test keeps them equal).
 */
export const workerResultCodes = [
  /** The job data breaks the contract, or the client refused it before sending; `issues` names the fields. */
  'INVALID_PAYLOAD',
  /** The last attempt could not reach CookiePay (connection refused or reset, DNS, socket hang up). */
  'NETWORK',
  /** The last attempt got no answer in time, or waited too long for another process to fetch the token. */
  'TIMEOUT',
  /**
   * The last attempt got an HTTP status outside 2xx from CookiePay (other than 401, 403 and 429) without a result code
   * in its body, or a 5xx whatever its body said (a 4xx with a result code reports that code).
   */
  'HTTP_STATUS',
  /** The last attempt got a body that is not JSON, or JSON of an unexpected shape. */
  'INVALID_RESPONSE',
  /**
   * CookiePay rejected the TOKEN on the last attempt, a fresh one too (HTTP 401/403, the token endpoint's RTN_CD shape,
   * or a message speaking of the token).
   */
  'TOKEN_REJECTED',
  /** CookiePay answered a result other than 0000 with an empty result code. */
  'RESULT',
  /** The last attempt failed for a reason of the worker's own (an unexpected error). */
  'WORKER_ERROR',
  /** A status check or an approval notification found the payment cancelled (CANCELDATE set). */
  'CANCELLED',
  /** A notification named a TID other than the one CookiePay answered for the payment. */
  'TID_MISMATCH',
  /** A cancel notification, but CookiePay shows the payment not cancelled. */
  'NOT_CANCELLED',
  /** A notification whose amount (an approval's AMOUNT, a cancel's cancel_amount) differs from CookiePay's AMOUNT. */
  'AMOUNT_MISMATCH',
  /**
   * A virtual account CookiePay shows issued, nothing paid into it: an approval-form notification once its window
   * ended (`awaiting_deposit`), a status check once the deposit deadline passed (`unpaid`).
   */
  'NOT_DEPOSITED',
  /**
   * A delivery registration CookiePay refused as a repeat of one it had registered (the worker saw its 0000, or sent
   * it before, lost the answer, and paycert shows the payment paid, of that AMOUNT); ok: counts as registered.
   */
  'ALREADY_REGISTERED',
  /**
   * A cancel CookiePay answered as cancelled already (its cancel_msg says 이미 취소 / 기취소: a repeat, or a retry
   * after a lost answer), or a retried partial cancel paycert shows applied; ok: cancelling twice is safe.
   */
  'ALREADY_CANCELLED',
  /**
   * A cancel CookiePay refused with 9029: the payment is settled to the shop already, the API cannot cancel it; the
   * operator refunds the buyer by deposit (입금후취소: /api/get_cancel_bank_account, or CookiePay's console).
   */
  'SETTLED_REFUND_BY_DEPOSIT',
  /**
   * A partial cancel retried after its answer was lost, and paycert shows the payment neither as it was before nor
   * as the cancel would leave it: not sent again (it may have refunded); the operator checks the payment.
   */
  'CANCEL_UNCONFIRMED',
  /** A notification of a fact (event, TID, amount) another notification already verified; `duplicateOf` names it. */
  'DUPLICATE',
  /** A notification naming an API_ID other than the worker's COOKIEPAY_API_ID; CookiePay was not asked. */
  'FOREIGN_ACCOUNT',
  /** BullMQ failed the job because its workers kept dying while running it (more stalls than allowed). */
  'STALLED',
  /** A batch summary: no row of the upload failed and none was rejected. */
  'BATCH_DONE',
  /** A batch summary: at least one row failed or was rejected. */
  'BATCH_FAILURES',
  /** A payment event: a payment's state changed from the one the worker reported last (`from` → `to`). */
  'PAYMENT_CHANGED',
  /** A reconciliation against /api/paysearch read its records; `records` and `changes` say how many. */
  'RECONCILED',
] as const;

export type WorkerResultCode = (typeof workerResultCodes)[number];

/** A result's `code`: one of the worker's own codes, or CookiePay's own code passed through (any string). */
export const resultCodeSchema = z.union([z.enum(workerResultCodes), z.string()]);
