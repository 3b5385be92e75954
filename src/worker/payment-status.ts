import type { paymentStatuses, StatusResult } from '../contract/result-schema.js';
import type { PaymentCertResponse } from '../cookiepay/schemas/payment-cert.js';
import { depositDeadlineOf } from './deposit-deadline.js';

export type PaymentStatus = (typeof paymentStatuses)[number];

/** What a result says of a payment from CookiePay's answer about it (the same fields on status and notifications). */
export type PaymentFields = Required<Pick<StatusResult, 'paymentStatus'>> &
  Pick<StatusResult, 'paymentMethod' | 'virtualAccount'>;

/**
 * PAYMETHOD of a virtual account: `VACCT` in the manual, `VACCOUNT` in a vendor plugin's sample, `VBANK` as other
 * Korean PGs name it.
 */
const virtualAccountMethods = new Set(['VACCT', 'VACCOUNT', 'VBANK']);

const filled = (value: string | null | undefined): string => value?.trim() ?? '';

/**
 * A payment through a virtual account: PAYMETHOD says so, or CookiePay answered an ACCOUNTNO (the manual: 가상계좌
 * 이용 시 리턴 값, returned for virtual accounts), whatever PAYMETHOD says.
 */
export const isVirtualAccount = (response: PaymentCertResponse): boolean =>
  virtualAccountMethods.has(filled(response.PAYMETHOD).toUpperCase()) || filled(response.ACCOUNTNO) !== '';

/**
 * Money was paid into a virtual account: CookiePay shows an approval number (ACCEPTNO, not blank, not all zeros: a
 * vendor plugin rewrites `00000000`) and an approval time (ACCEPTDATE). The manual has no field for "deposited"; a
 * vendor plugin's own paycert sample of an issued account has `ACCEPTNO: ""`, and it reads such an answer as not
 * paid yet. When in doubt, not deposited.
 */
const isDeposited = (response: PaymentCertResponse): boolean =>
  /[^0\s]/.test(filled(response.ACCEPTNO)) && filled(response.ACCEPTDATE) !== '';

/**
 * What a 0000 answer of urlcert/paycert says of the payment: cancelled when CANCELDATE is set; a virtual account not
 * paid into is `awaiting_deposit` (never paid: it was only issued); anything else paid. Pure.
 */
export const paymentStatusOf = (response: PaymentCertResponse): Exclude<PaymentStatus, 'unpaid'> => {
  if (filled(response.CANCELDATE) !== '') return 'cancelled';
  if (isVirtualAccount(response) && !isDeposited(response)) return 'awaiting_deposit';
  return 'paid';
};

/** The virtual account of an answer (isVirtualAccount), as a result carries it. Pure. */
export const virtualAccountOf = (response: PaymentCertResponse): PaymentFields['virtualAccount'] => {
  if (!isVirtualAccount(response)) return undefined;
  const deadline = depositDeadlineOf(response.DEPOSITENDDATE);
  return {
    accountNo: filled(response.ACCOUNTNO),
    bank: filled(response.CARDNAME),
    holder: filled(response.RECEIVERNAME),
    depositDeadline: deadline === undefined ? null : new Date(deadline).toISOString(),
  };
};

/** paymentStatus, paymentMethod and virtualAccount of a 0000 answer, for a status or notification result. Pure. */
export const paymentFieldsOf = (response: PaymentCertResponse): PaymentFields => {
  const method = filled(response.PAYMETHOD);
  const account = virtualAccountOf(response);
  return {
    paymentStatus: paymentStatusOf(response),
    ...(method === '' ? {} : { paymentMethod: method }),
    ...(account === undefined ? {} : { virtualAccount: account }),
  };
};
