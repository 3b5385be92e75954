import { parseJobData } from '../../contract/parse-job-data.js';
import { endpoints } from '../../cookiepay/endpoints.js';
import { type CookiePayError, isCookiePayError } from '../../cookiepay/errors.js';
import type { DeliveryFields } from '../../cookiepay/schemas/delivery.js';
import type { CookiePayCalls } from '../cookiepay-calls.js';
import type { KindHandler, Success } from '../job-runner.js';
import { paymentStatusOf } from '../payment-status.js';
import type { SentDeliveries, SentDelivery } from '../sent-deliveries.js';

export interface DeliveryHandlerDeps {
  /** The registration, and paycert to look at the payment when a repeat is refused. */
  cookiepay: Pick<CookiePayCalls, 'deliveryAdd' | 'payCert'>;
  sent: SentDeliveries;
}

/** Failures of the registration itself after which it may have reached CookiePay and been registered. */
const landingCodes = new Set<CookiePayError['code']>([
  'TIMEOUT',
  'NETWORK',
  'HTTP_STATUS',
  'INVALID_RESPONSE',
]);

/** Whether the registration may have been registered although its answer was lost (not a token or gate failure). */
const mayHaveLanded = (error: unknown): boolean =>
  !isCookiePayError(error) || (error.endpoint === endpoints.deliveryAdd.path && landingCodes.has(error.code));

/** CookiePay answered `endpoint` with a result code (not a failure to get an answer, nor a token fetch refused). */
const isRefusalOf = (endpoint: string, error: unknown): error is CookiePayError =>
  isCookiePayError(error) && error.code === 'RESULT' && error.endpoint === endpoint;

const alreadyRegistered = (refusal: CookiePayError, why: string): Success<'delivery'> => ({
  ok: true,
  code: 'ALREADY_REGISTERED',
  message: `CookiePay answered ${refusal.resultCode}: ${refusal.resultMessage ?? '(no message)'} to a repeat of a registration ${why}`,
  response: refusal.response ?? null,
});

/**
 * Whether a refusal of a registration sent before is CookiePay's answer to the repeat (a duplicate, whatever its
 * code or wording: the manual does not document one) rather than a refusal of the registration itself. Sure when
 * the worker saw it registered (0000); after a lost answer, when paycert shows the payment such that nothing else
 * known refuses a registration: paid (for a virtual account, paid into), not cancelled, of the same AMOUNT.
 */
const repeatOf = async (
  before: SentDelivery,
  refusal: CookiePayError,
  data: DeliveryFields,
  payCert: CookiePayCalls['payCert'],
): Promise<Success<'delivery'> | undefined> => {
  const what = `of waybill ${data.WAYBILLNO} for payment ${data.TID}`;
  if (before === 'registered') return alreadyRegistered(refusal, `${what} it had registered before (0000)`);
  if (before !== 'sent') return undefined;
  let payment: Awaited<ReturnType<CookiePayCalls['payCert']>>;
  try {
    payment = await payCert({ tid: data.TID });
  } catch (error) {
    // CookiePay knows no such payment (or refuses to say): the refusal stands. No answer: look again next attempt.
    if (isRefusalOf(endpoints.payCert.path, error)) return undefined;
    throw error;
  }
  const registrable = paymentStatusOf(payment) === 'paid' && payment.AMOUNT?.trim() === data.AMOUNT;
  return registrable
    ? alreadyRegistered(
        refusal,
        `${what} whose first answer was lost; paycert shows the payment paid and of AMOUNT ${data.AMOUNT}, so the refusal is taken as CookiePay's answer to the repeat`,
      )
    : undefined;
};

/**
 * `cookiepay-delivery`: registers an escrow delivery (courier and waybill) for a paid TID. What CookiePay answers to
 * the same registration again is not documented (0000 again, or a refusal), and a retry after a lost answer is that
 * repeat: so the worker notes every registration it sends (sent-deliveries.ts), and a refusal of one it sent before
 * is checked (repeatOf) and, if it is the answer to a repeat, ends ALREADY_REGISTERED (ok) instead of a failure.
 */
export const deliveryHandler = (
  deps: DeliveryHandlerDeps,
): KindHandler<'delivery', ReturnType<typeof parseJobData<'delivery'>>> => ({
  kind: 'delivery',
  parse: (data) => parseJobData('delivery', data),
  call: async (data) => {
    const { TID, WAYBILLNO } = data;
    const before = await deps.sent.sending(TID, WAYBILLNO);
    let response: Awaited<ReturnType<CookiePayCalls['deliveryAdd']>>;
    try {
      response = await deps.cookiepay.deliveryAdd(data);
    } catch (error) {
      if (isRefusalOf(endpoints.deliveryAdd.path, error)) {
        const repeat = await repeatOf(before, error, data, deps.cookiepay.payCert);
        if (repeat) {
          await deps.sent.registered(TID, WAYBILLNO);
          return repeat;
        }
        // Refused, and not as a repeat: nothing of it is registered (a later registration of it is a first one).
        if (before !== 'registered') await deps.sent.forget(TID, WAYBILLNO);
      } else if (before === 'none' && !mayHaveLanded(error)) {
        await deps.sent.forget(TID, WAYBILLNO);
      }
      throw error;
    }
    await deps.sent.registered(TID, WAYBILLNO);
    return {
      ok: true,
      code: response.RESULTCODE,
      message: response.RESULTMSG ?? 'delivery registered',
      response,
    };
  },
});
