import { parseJobData } from '../../contract/parse-job-data.js';
import { deriveBillNo } from '../bill-no.js';
import type { CookiePayCalls } from '../cookiepay-calls.js';
import type { KindHandler } from '../job-runner.js';

/**
 * `cookiepay-urlpay`: creates a payment link. A job without BILL_NO is sent with one derived from its id, so a
 * retry re-sends the same bill and CookiePay gives back the same link instead of a second one.
 */
export const urlPayHandler = (
  cookiepay: Pick<CookiePayCalls, 'urlPay'>,
  prefix: string,
): KindHandler<'urlpay', ReturnType<typeof parseJobData<'urlpay'>>> => ({
  kind: 'urlpay',
  parse: (data) => parseJobData('urlpay', data),
  call: async (data, job) => {
    const billNo = data.BILL_NO ?? deriveBillNo(prefix, String(job.id), job.timestamp);
    const response = await cookiepay.urlPay({ ...data, BILL_NO: billNo });
    return {
      ok: true,
      code: response.RESULTCODE,
      message: response.RESULTMSG ?? 'payment link created',
      response,
      billNo,
    };
  },
});
