import type { NotificationJob } from '../contract/notification-job.js';
import type { PaymentCertResponse } from '../cookiepay/schemas/payment-cert.js';
import type { Success } from './job-runner.js';
import { paymentStatusOf } from './payment-status.js';

const sameAmount = (a: string | null | undefined, b: string | undefined): boolean =>
  a !== null &&
  a !== undefined &&
  b !== undefined &&
  /^\d+$/.test(a.trim()) &&
  BigInt(a.trim()) === BigInt(b);

const unverified = (
  code: string,
  message: string,
  response: PaymentCertResponse,
): Success<'notification'> => ({
  ok: false,
  code,
  message,
  response,
  verified: false,
  paymentStatus: paymentStatusOf(response),
});

/**
 * Compares a notification with CookiePay's own 0000 answer about the payment. An approval is verified only when
 * the payment is not cancelled, its TID (when answered) is the notified one and its AMOUNT equals the notified
 * AMOUNT; a cancel is verified when CookiePay shows the payment cancelled. Pure.
 */
export const verifyNotification = (
  job: NotificationJob,
  response: PaymentCertResponse,
): Success<'notification'> => {
  const status = paymentStatusOf(response);
  const tid = response.TID?.trim();
  if (tid && tid !== job.TID)
    return unverified('TID_MISMATCH', `CookiePay knows this payment as TID ${tid}, not ${job.TID}`, response);
  if (job.type === 'cancel') {
    if (status !== 'cancelled')
      return unverified('NOT_CANCELLED', `payment ${job.TID} is not cancelled at CookiePay`, response);
    return {
      ok: true,
      code: response.RESULTCODE,
      message: `payment ${job.TID} was cancelled on ${response.CANCELDATE}`,
      response,
      verified: true,
      paymentStatus: status,
    };
  }
  if (status === 'cancelled')
    return unverified('CANCELLED', `payment ${job.TID} was cancelled on ${response.CANCELDATE}`, response);
  if (!sameAmount(response.AMOUNT, job.AMOUNT))
    return unverified(
      'AMOUNT_MISMATCH',
      `notified AMOUNT ${job.AMOUNT ?? '(none)'} differs from CookiePay's ${response.AMOUNT ?? '(none)'}`,
      response,
    );
  return {
    ok: true,
    code: response.RESULTCODE,
    message: `payment ${job.TID} of ${job.AMOUNT} confirmed by CookiePay`,
    response,
    verified: true,
    paymentStatus: status,
  };
};
