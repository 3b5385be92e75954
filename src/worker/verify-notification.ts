import type { NotificationFacts } from '../contract/notification-job.js';
import type { PaymentCertResponse } from '../cookiepay/schemas/payment-cert.js';
import type { PayCertOutcome } from './coalesced-pay-cert.js';
import { notPaidYetCode } from './failure-policy.js';
import type { Success } from './job-runner.js';
import { isVirtualAccount, paymentFieldsOf } from './payment-status.js';
import type { VerifiedFact } from './verified-facts.js';

/** What CookiePay's answer makes of a notification. */
export type Verdict =
  /** CookiePay confirms it: verified, unless the same fact was verified before (then DUPLICATE). */
  | { type: 'confirmed'; fact: VerifiedFact; result: Success<'notification'> }
  /** CookiePay does not show it yet (EA01, not cancelled yet): look again while the window lasts, then `result`. */
  | { type: 'not-yet'; result: Success<'notification'> }
  /** CookiePay contradicts it, or knows no such payment: final. */
  | { type: 'refuted'; result: Success<'notification'> };

/** CookiePay's AMOUNT as a number; undefined when it gave none or not digits. */
const amountOf = (value: string | null | undefined): number | undefined => {
  const text = value?.trim() ?? '';
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
};

const unverified = (
  type: 'not-yet' | 'refuted',
  code: string,
  message: string,
  response: PaymentCertResponse,
): Verdict => ({
  type,
  result: { ok: false, code, message, response, verified: false, ...paymentFieldsOf(response) },
});

const shown = (amount: number | undefined) => (amount === undefined ? '(none)' : String(amount));

/**
 * Compares a notification's facts with CookiePay's 0000 paycert answer about its TID; amounts are compared as
 * numbers. An approval is confirmed when the payment is not cancelled, its AMOUNT is the notified one and, for a
 * virtual account, money was paid into it (else it is looked at again: CookiePay may lag its deposit). A cancel
 * is confirmed when CookiePay shows the payment cancelled and the cancelled amount (the whole payment when the
 * notification gave none) is CookiePay's AMOUNT; a cancel CookiePay does not show yet is looked at again. Pure.
 */
export const verifyNotification = (facts: NotificationFacts, response: PaymentCertResponse): Verdict => {
  const payment = paymentFieldsOf(response);
  const status = payment.paymentStatus;
  const tid = response.TID?.trim();
  if (tid && tid !== facts.TID)
    return unverified(
      'refuted',
      'TID_MISMATCH',
      `CookiePay knows this payment as TID ${tid}, not ${facts.TID}`,
      response,
    );
  const cookiePayAmount = amountOf(response.AMOUNT);
  if (facts.kind === 'cancel') {
    if (status !== 'cancelled')
      return unverified(
        'not-yet',
        'NOT_CANCELLED',
        `payment ${facts.TID} is not cancelled at CookiePay`,
        response,
      );
    const amount = facts.amount ?? cookiePayAmount;
    if (cookiePayAmount === undefined || amount !== cookiePayAmount)
      return unverified(
        'refuted',
        'AMOUNT_MISMATCH',
        `notified cancel of ${shown(amount)} differs from CookiePay's AMOUNT ${shown(cookiePayAmount)}`,
        response,
      );
    return {
      type: 'confirmed',
      fact: { kind: 'cancel', TID: facts.TID, amount: cookiePayAmount },
      result: {
        ok: true,
        code: response.RESULTCODE,
        message: `payment ${facts.TID} of ${cookiePayAmount} was cancelled on ${response.CANCELDATE}`,
        response,
        verified: true,
        ...payment,
      },
    };
  }
  if (status === 'cancelled')
    return unverified(
      'refuted',
      'CANCELLED',
      `payment ${facts.TID} was cancelled on ${response.CANCELDATE}`,
      response,
    );
  if (facts.amount === undefined || cookiePayAmount === undefined || facts.amount !== cookiePayAmount)
    return unverified(
      'refuted',
      'AMOUNT_MISMATCH',
      `notified AMOUNT ${shown(facts.amount)} differs from CookiePay's ${shown(cookiePayAmount)}`,
      response,
    );
  // A virtual account CookiePay shows issued, not paid into (payment-status.ts): its notification announced the
  // account; the deposit comes with a notification of its own.
  if (status === 'awaiting_deposit')
    return {
      type: 'not-yet',
      result: {
        ok: false,
        code: 'NOT_DEPOSITED',
        message: `virtual account of payment ${facts.TID} is issued, nothing paid into it yet`,
        response,
        verified: false,
        ...payment,
      },
    };
  // A virtual account's notification, once paid into, is its deposit: one fact per payment either way.
  const kind = isVirtualAccount(response) ? 'deposit' : 'approval';
  return {
    type: 'confirmed',
    fact: { kind, TID: facts.TID, amount: cookiePayAmount },
    result: {
      ok: true,
      code: response.RESULTCODE,
      message: `${kind} of ${cookiePayAmount} on payment ${facts.TID} confirmed by CookiePay`,
      response,
      verified: true,
      ...payment,
    },
  };
};

/**
 * A result other than 0000 about the notified TID: EA01 (not paid, or not known yet) is looked at again; any other
 * (an unknown TID, …) is CookiePay's final word. Pure.
 */
export const verdictOfRefusal = (outcome: Extract<PayCertOutcome, { type: 'refused' }>): Verdict => {
  const unpaid = outcome.resultCode === notPaidYetCode;
  return {
    type: unpaid ? 'not-yet' : 'refuted',
    result: {
      ok: false,
      code: outcome.reportedCode,
      message: unpaid ? 'CookiePay says the payment was not made' : outcome.message,
      response: outcome.response,
      verified: false,
      ...(unpaid ? { paymentStatus: 'unpaid' as const } : {}),
    },
  };
};

/** What CookiePay said of a TID, made a verdict on the notification. Pure. */
export const verdictOf = (facts: NotificationFacts, outcome: PayCertOutcome): Verdict =>
  outcome.type === 'answer' ? verifyNotification(facts, outcome.response) : verdictOfRefusal(outcome);
