import { parseJobData } from '../../contract/parse-job-data.js';
import type { CookiePayCalls } from '../cookiepay-calls.js';
import { depositDeadlineOf } from '../deposit-deadline.js';
import type { KindHandler } from '../job-runner.js';
import { growingDelayMs, LookAgainError } from '../look-again.js';
import { paymentFieldsOf } from '../payment-status.js';

/** Looks at a virtual account not paid into yet never come further apart than this (its Noti is the quick way). */
export const maxDepositLookMs = 10 * 60_000;

export interface StatusHandlerOptions {
  /** STATUS_POLL_INTERVAL_MS (the first looks) and STATUS_POLL_TIMEOUT_MS (the end without a readable deadline). */
  polling: { intervalMs: number; timeoutMs: number };
  now?: () => number;
}

/**
 * `cookiepay-status`: asks whether a link (URLKEY, urlcert) or a payment (TID, paycert) was paid. EA01 reaches
 * the failure policy, which polls; a 0000 answer with CANCELDATE set is a cancelled payment, not a paid one. A
 * virtual account issued but not paid into is never paid: it is looked at again (no attempt used), further apart as
 * time goes by (at most 10 minutes), until the money arrives or its deposit deadline (DEPOSITENDDATE; without a
 * readable one, STATUS_POLL_TIMEOUT_MS after the job was added) has passed: then NOT_DEPOSITED.
 */
export const statusHandler = (
  cookiepay: Pick<CookiePayCalls, 'urlCert' | 'payCert'>,
  options: StatusHandlerOptions,
): KindHandler<'status', ReturnType<typeof parseJobData<'status'>>> => ({
  kind: 'status',
  parse: (data) => parseJobData('status', data),
  call: async (data, job) => {
    const response = data.URLKEY
      ? await cookiepay.urlCert({ URLKEY: data.URLKEY })
      : await cookiepay.payCert({ tid: data.TID ?? '' });
    const payment = paymentFieldsOf(response);
    const tid = response.TID ?? '';
    if (payment.paymentStatus === 'cancelled') {
      const reason = response.CANCELMSG ? `: ${response.CANCELMSG}` : '';
      return {
        ok: false,
        code: 'CANCELLED',
        message: `payment ${tid} was cancelled on ${response.CANCELDATE}${reason}`,
        response,
        ...payment,
      };
    }
    if (payment.paymentStatus === 'awaiting_deposit') {
      const now = (options.now ?? Date.now)();
      const deadline = depositDeadlineOf(response.DEPOSITENDDATE);
      const until = deadline ?? job.timestamp + options.polling.timeoutMs;
      const account = payment.virtualAccount?.accountNo ?? '';
      const delayMs = growingDelayMs(job.timestamp, now, until, {
        minMs: options.polling.intervalMs,
        maxMs: Math.max(options.polling.intervalMs, maxDepositLookMs),
      });
      if (delayMs !== undefined) {
        throw new LookAgainError(
          'NOT_DEPOSITED',
          `virtual account ${account} of payment ${tid} is issued, nothing paid into it yet`,
          delayMs,
        );
      }
      const by =
        deadline === undefined ? 'while polling lasted' : `by its deadline ${response.DEPOSITENDDATE}`;
      return {
        ok: false,
        code: 'NOT_DEPOSITED',
        message: `nothing was paid into virtual account ${account} of payment ${tid} ${by}`,
        response,
        ...payment,
        // Past its deadline the account takes no money: unpaid. Without one, it may still come: awaiting.
        paymentStatus: deadline === undefined ? 'awaiting_deposit' : 'unpaid',
      };
    }
    return {
      ok: true,
      code: response.RESULTCODE,
      message: response.RESULTMSG ?? 'paid',
      response,
      ...payment,
    };
  },
});
