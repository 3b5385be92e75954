import type { Job } from 'bullmq';
import { parseJobData } from '../../contract/parse-job-data.js';
import { type CookiePayError, isCookiePayError } from '../../cookiepay/errors.js';
import { deriveBillNo } from '../bill-no.js';
import type { CookiePayCalls } from '../cookiepay-calls.js';
import type { KindHandler } from '../job-runner.js';

/** A message that names the bill's number: `BILL_NO`, or 청구서 (bill) as the manual writes it. */
const NAMES_THE_BILL = /BILL[_ ]?NO|청구서/i;

/**
 * Whether CookiePay's refusal of a number of the worker's making is taken as a refusal of that number: one that
 * names it, or any result code still there on the job's last attempt (retries keep the number, so a passing
 * refusal does not cost the link its idempotency).
 */
const refusesDerivedBillNo = (error: unknown, job: Job): error is CookiePayError =>
  isCookiePayError(error) &&
  error.code === 'RESULT' &&
  (NAMES_THE_BILL.test(error.resultMessage ?? '') || job.attemptsMade + 1 >= (job.opts.attempts ?? 1));

/**
 * `cookiepay-urlpay`: creates a payment link. A job without BILL_NO is sent with one derived from its id, so a
 * retry re-sends the same bill and CookiePay gives back the same link instead of a second one. What CookiePay does
 * with a number it never issued is not documented: if it refuses the derived one (a refusal naming the bill, or any
 * result code on the last attempt), the link is asked for once more without BILL_NO, in the same attempt, and
 * CookiePay makes the bill. A job's own BILL_NO is never dropped: its refusal is the answer. The result's `billNo` is
 * CookiePay's when it answers one, else the one sent.
 */
export const urlPayHandler = (
  cookiepay: Pick<CookiePayCalls, 'urlPay'>,
  prefix: string,
): KindHandler<'urlpay', ReturnType<typeof parseJobData<'urlpay'>>> => ({
  kind: 'urlpay',
  parse: (data) => parseJobData('urlpay', data),
  call: async (data, job) => {
    const { BILL_NO: own, track: _track, ...fields } = data;
    const derived = deriveBillNo(prefix, String(job.id), job.timestamp);
    let sent: string | undefined = own ?? derived;
    let response: Awaited<ReturnType<CookiePayCalls['urlPay']>>;
    try {
      response = await cookiepay.urlPay({ ...fields, BILL_NO: sent });
    } catch (error) {
      if (own !== undefined || !refusesDerivedBillNo(error, job)) throw error;
      sent = undefined;
      response = await cookiepay.urlPay({ ...fields, BILL_NO: undefined });
    }
    const billNo = response.BILL_NO?.trim() || sent;
    return {
      ok: true,
      code: response.RESULTCODE,
      message: response.RESULTMSG ?? 'payment link created',
      response,
      ...(billNo ? { billNo } : {}),
    };
  },
});
