import type { Job } from 'bullmq';
import { parseJobData } from '../../contract/parse-job-data.js';
import type { CancelOutcome } from '../../contract/result-schema.js';
import { isAlreadyCancelled, isSettled, settledCode } from '../../cookiepay/cancel-answers.js';
import { endpoints } from '../../cookiepay/endpoints.js';
import { type CookiePayError, isCookiePayError } from '../../cookiepay/errors.js';
import type { CancelFields } from '../../cookiepay/schemas/cancel.js';
import type { PaymentCertResponse } from '../../cookiepay/schemas/payment-cert.js';
import type { CookiePayCalls } from '../cookiepay-calls.js';
import type { KindHandler, Success } from '../job-runner.js';
import type { PaymentEvents } from '../payment-events.js';
import type { SentCancels } from '../sent-cancels.js';

export interface CancelHandlerDeps {
  /** The cancel, and paycert to see what remains of a payment around a partial cancel. */
  cookiepay: Pick<CookiePayCalls, 'cancel' | 'payCert'>;
  sent: SentCancels;
  /** Told of the payment's new state after a cancel (cancelled, partially_cancelled). */
  events: Pick<PaymentEvents, 'observe'>;
  now?: () => number;
}

type CancelSuccess = Success<'cancel'>;

/** Failures of the cancel itself after which it may have reached CookiePay and refunded. */
const landingCodes = new Set<CookiePayError['code']>([
  'TIMEOUT',
  'NETWORK',
  'HTTP_STATUS',
  'INVALID_RESPONSE',
]);

/** Whether the cancel may have refunded although its answer was lost (not a token, gate or validation failure). */
const mayHaveLanded = (error: unknown): boolean =>
  !isCookiePayError(error) || (error.endpoint === endpoints.cancel.path && landingCodes.has(error.code));

const isPayCertRefusal = (error: unknown): boolean =>
  isCookiePayError(error) && error.code === 'RESULT' && error.endpoint === endpoints.payCert.path;

/** An amount CookiePay answered (a string of digits, maybe with commas), or null when it is none. */
const wonOf = (value: unknown): number | null => {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const digits = text.replace(/,/g, '').trim();
  return /^\d+$/.test(digits) ? Number(digits) : null;
};

/** What remains of a payment by paycert: nothing once CANCELDATE is set, else its AMOUNT (null: not readable). */
export const remainingOf = (payment: PaymentCertResponse): number | null =>
  (payment.CANCELDATE ?? '').trim() !== '' ? 0 : wonOf(payment.AMOUNT);

/** What a retried partial cancel whose first answer was lost finds, by what remained before and remains now. Pure. */
export const lostPartialFinding = (
  remainingBefore: number | null,
  remainingNow: number | null,
  amount: number,
): 'applied' | 'not-applied' | 'unknown' => {
  if (remainingBefore === null || remainingNow === null) return 'unknown';
  if (remainingNow === remainingBefore - amount) return 'applied';
  if (remainingNow === remainingBefore) return 'not-applied';
  return 'unknown';
};

/**
 * `cookiepay-cancel`: cancels a payment, all of it (no `amount`) or a part. Cancelling twice must be safe:
 * - a full cancel is simply sent (again): CookiePay's "already cancelled" (이미 취소 / 기취소) is ALREADY_CANCELLED, ok;
 * - a partial cancel sent again would refund twice, so before its first send paycert tells what remains of the
 *   payment, noted with the cancel (sent-cancels.ts); a later run of the job (its answer lost, or its result not
 *   published) asks paycert again and does not send it when it shows the cancel applied (ALREADY_CANCELLED), nor
 *   when it shows something it cannot explain (CANCEL_UNCONFIRMED, for the operator);
 * - 9029 (settled: refund by deposit) ends SETTLED_REFUND_BY_DEPOSIT, not retried.
 * A cancel that succeeded is reported to the payment events (cancelled, or partially_cancelled).
 */
export const cancelHandler = (
  deps: CancelHandlerDeps,
): KindHandler<'cancel', ReturnType<typeof parseJobData<'cancel'>>> => {
  const now = deps.now ?? Date.now;

  const success = async (
    job: Job,
    data: CancelFields,
    outcome: CancelOutcome,
    result: Omit<CancelSuccess, 'ok' | 'cancelled'>,
  ): Promise<CancelSuccess> => {
    await deps.events.observe({
      TID: data.tid,
      state: outcome.full ? 'cancelled' : 'partially_cancelled',
      ...(outcome.remaining === null ? {} : { amount: outcome.remaining }),
      source: 'cancel',
      observedAt: new Date(now()).toISOString(),
      sourceQueue: job.queueName,
      sourceJobId: String(job.id),
      response: result.response,
    });
    return { ok: true, ...result, cancelled: outcome };
  };

  const settled = (refusal: CookiePayError, data: CancelFields): CancelSuccess => ({
    ok: false,
    code: 'SETTLED_REFUND_BY_DEPOSIT',
    message:
      `CookiePay answered ${settledCode}: ${refusal.resultMessage ?? '(no message)'}: payment ${data.tid} is settled ` +
      'to the shop already and cannot be cancelled by the API; refund the buyer by deposit (입금후취소: ' +
      "/api/get_cancel_bank_account, or CookiePay's console), then mark the order refunded",
    response: refusal.response ?? null,
  });

  /** What paycert shows remains of the payment; null when CookiePay refuses to say (unknown TID, …). */
  const remainingNow = async (tid: string): Promise<number | null> => {
    try {
      return remainingOf(await deps.cookiepay.payCert({ tid }));
    } catch (error) {
      if (isPayCertRefusal(error)) return null;
      throw error;
    }
  };

  return {
    kind: 'cancel',
    parse: (data) => parseJobData('cancel', data),
    call: async (data, job) => {
      const jobId = String(job.id);
      const partial = data.amount === undefined ? null : Number(data.amount);
      let remainingBefore: number | null = null;
      if (partial !== null) {
        const before = await deps.sent.before(jobId);
        if (before.state === 'sent') {
          const current = await remainingNow(data.tid);
          const finding = lostPartialFinding(before.remainingBefore, current, partial);
          if (finding === 'applied') {
            return success(
              job,
              data,
              { TID: data.tid, amount: partial, full: current === 0, remaining: current },
              {
                code: 'ALREADY_CANCELLED',
                message: `the partial cancel of ${partial} of payment ${data.tid} was sent before and its answer lost; paycert shows it applied (${before.remainingBefore} → ${current} remaining)`,
                response: null,
              },
            );
          }
          if (finding === 'unknown') {
            return {
              ok: false,
              code: 'CANCEL_UNCONFIRMED',
              message: `the partial cancel of ${partial} of payment ${data.tid} was sent before and its answer lost; paycert shows ${current ?? 'no amount'} remaining (${before.remainingBefore ?? 'unknown'} before it): not sent again, it may have refunded; check the payment before cancelling again`,
              response: null,
            };
          }
          remainingBefore = before.remainingBefore;
        } else {
          remainingBefore = await remainingNow(data.tid);
        }
        await deps.sent.sending(jobId, remainingBefore);
      }

      let response: Awaited<ReturnType<CookiePayCalls['cancel']>>;
      try {
        response = await deps.cookiepay.cancel(data);
      } catch (error) {
        if (isAlreadyCancelled(error)) {
          if (partial !== null) await deps.sent.forget(jobId);
          return success(
            job,
            data,
            { TID: data.tid, amount: wonOf(error.response?.cancel_amt), full: true, remaining: 0 },
            {
              code: 'ALREADY_CANCELLED',
              message: `CookiePay answered ${error.resultCode}: ${error.resultMessage ?? '(no message)'}: payment ${data.tid} is cancelled already`,
              response: error.response ?? null,
            },
          );
        }
        // CookiePay refused it (9029 or any other code), or it never left: nothing was refunded.
        const refused = isCookiePayError(error) && error.code === 'RESULT';
        if (partial !== null && (refused || !mayHaveLanded(error))) await deps.sent.forget(jobId);
        if (isSettled(error)) return settled(error, data);
        throw error;
      }
      const amount = wonOf(response.cancel_amt) ?? partial;
      const remaining =
        partial === null ? 0 : remainingBefore === null ? null : Math.max(0, remainingBefore - partial);
      // The note stays (until its age ends): a later run of this job finds the cancel applied and sends nothing.
      return success(
        job,
        data,
        { TID: data.tid, amount, full: remaining === 0, remaining },
        {
          code: response.cancel_code,
          message:
            response.cancel_msg ?? (partial === null ? 'payment cancelled' : 'payment partly cancelled'),
          response,
        },
      );
    },
  };
};
