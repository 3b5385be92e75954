import { parseJobData } from '../../contract/parse-job-data.js';
import type { CookiePayCalls } from '../cookiepay-calls.js';
import type { KindHandler } from '../job-runner.js';

/** `cookiepay-delivery`: registers an escrow delivery (courier and waybill) for a paid TID. */
export const deliveryHandler = (
  cookiepay: Pick<CookiePayCalls, 'deliveryAdd'>,
): KindHandler<'delivery', ReturnType<typeof parseJobData<'delivery'>>> => ({
  kind: 'delivery',
  parse: (data) => parseJobData('delivery', data),
  call: async (data) => {
    const response = await cookiepay.deliveryAdd(data);
    return {
      ok: true,
      code: response.RESULTCODE,
      message: response.RESULTMSG ?? 'delivery registered',
      response,
    };
  },
});
