import { parseJobData } from '../../contract/parse-job-data.js';
import type { CookiePayCalls } from '../cookiepay-calls.js';
import type { KindHandler } from '../job-runner.js';
import { paymentStatusOf } from '../payment-status.js';

/**
 * `cookiepay-status`: asks whether a link (URLKEY, urlcert) or a payment (TID, paycert) was paid. EA01 reaches
 * the failure policy, which polls; a 0000 answer with CANCELDATE set is a cancelled payment, not a paid one.
 */
export const statusHandler = (
  cookiepay: Pick<CookiePayCalls, 'urlCert' | 'payCert'>,
): KindHandler<'status', ReturnType<typeof parseJobData<'status'>>> => ({
  kind: 'status',
  parse: (data) => parseJobData('status', data),
  call: async (data) => {
    const response = data.URLKEY
      ? await cookiepay.urlCert({ URLKEY: data.URLKEY })
      : await cookiepay.payCert({ tid: data.TID ?? '' });
    const paymentStatus = paymentStatusOf(response);
    if (paymentStatus === 'cancelled') {
      const reason = response.CANCELMSG ? `: ${response.CANCELMSG}` : '';
      return {
        ok: false,
        code: 'CANCELLED',
        message: `payment ${response.TID ?? ''} was cancelled on ${response.CANCELDATE}${reason}`,
        response,
        paymentStatus,
      };
    }
    return {
      ok: true,
      code: response.RESULTCODE,
      message: response.RESULTMSG ?? 'paid',
      response,
      paymentStatus,
    };
  },
});
