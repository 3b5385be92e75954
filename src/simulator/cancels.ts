import { kstStamp, newTid } from './ids.js';
import { cancelPayment } from './payments.js';
import { type ResultAnswer, resultCodes } from './result-codes.js';
import type { SimPayment, SimulatorState } from './state.js';

/** A cancel as `/api/cancel` receives it (the manual's lower-case fields, values as strings). */
export interface CancelRequest {
  tid: string;
  reason: string;
  amount?: string | undefined;
}

/** What `/api/cancel` answers: a refusal, or a cancel with its own TID, date and amount. */
export type CancelAnswer =
  | { ok: false; answer: ResultAnswer }
  | { ok: true; cancel_tid: string; cancel_date: string; cancel_amt: string };

/** What remains of a payment that partial cancels have not refunded yet. */
export const remainingOf = (payment: SimPayment): number =>
  payment.cancelledAt === null ? Number(payment.AMOUNT) - payment.cancelledAmount : 0;

/**
 * Cancels a payment of the account (`apiId`): all that remains without `amount`, that much with one. Refused: an
 * unknown TID (E006), a payment settled to the shop (9029: refund by deposit), one cancelled already (9010, in the
 * words CookiePay's plugin knows as "already cancelled"), an amount beyond what remains (9011). A partial cancel of
 * all that remains cancels the payment (CANCELDATE set); a smaller one only lowers what paycert shows as AMOUNT.
 */
export const cancelOf = (
  state: SimulatorState,
  apiId: string,
  request: CancelRequest,
  nowMs: number,
): CancelAnswer => {
  const payment = state.payments.get(request.tid);
  if (!payment || payment.API_ID !== apiId) return { ok: false, answer: resultCodes.unknownTid };
  if (payment.cancelledAt !== null) return { ok: false, answer: resultCodes.alreadyCancelled };
  if (payment.settledAt !== null) return { ok: false, answer: resultCodes.settled };
  const remaining = remainingOf(payment);
  const amount = request.amount === undefined ? remaining : Number(request.amount);
  if (amount <= 0 || amount > remaining) return { ok: false, answer: resultCodes.cancelOverRemaining };
  if (amount === remaining) {
    cancelPayment(payment, request.reason, nowMs);
  } else {
    payment.cancelledAmount += amount;
  }
  return { ok: true, cancel_tid: newTid(nowMs), cancel_date: kstStamp(nowMs), cancel_amt: String(amount) };
};

/** Settles a payment to the shop (`POST /__sim/settle`): cancels are then refused with 9029. */
export const settlePayment = (payment: SimPayment, nowMs: number): boolean => {
  if (payment.settledAt !== null) return false;
  payment.settledAt = nowMs;
  return true;
};
