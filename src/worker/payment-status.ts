import type { paymentStatuses } from '../contract/result-schema.js';
import type { PaymentCertResponse } from '../cookiepay/schemas/payment-cert.js';

export type PaymentStatus = (typeof paymentStatuses)[number];

/** A 0000 answer of urlcert/paycert means paid, unless CANCELDATE is set: then the payment was cancelled. */
export const paymentStatusOf = (response: PaymentCertResponse): Exclude<PaymentStatus, 'unpaid'> =>
  response.CANCELDATE && response.CANCELDATE.trim() !== '' ? 'cancelled' : 'paid';
