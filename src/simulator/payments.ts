import { kstStamp, newTid, randomDigits } from './ids.js';
import type { SimLink, SimPayment, SimulatorState } from './state.js';

export interface PayInput {
  AMOUNT?: string | undefined;
  PAYMETHOD?: string | undefined;
}

const VIRTUAL_ACCOUNT = new Set(['VACCT', 'VACCOUNT']);

/** Card, bank or virtual-account details as the underlying PG would fill them. */
const methodFields = (payMethod: string, nowMs: number) => {
  if (VIRTUAL_ACCOUNT.has(payMethod)) {
    return {
      CARDNAME: '국민은행',
      CARDCODE: '004',
      CARDNO: '',
      QUOTA: '00',
      ACCOUNTNO: `9${randomDigits(12)}`,
      RECEIVERNAME: '쿠키페이시뮬레이터',
      DEPOSITENDDATE: kstStamp(nowMs + 7 * 24 * 3600_000),
      DEPOSITNAME: '',
    };
  }
  if (payMethod === 'BANK') {
    return { CARDNAME: '신한은행', CARDCODE: '088', CARDNO: '', QUOTA: '00' };
  }
  return { CARDNAME: '신한카드', CARDCODE: '04', CARDNO: `**${randomDigits(6)}`, QUOTA: '00' };
};

const newUniqueTid = (state: SimulatorState, nowMs: number): string => {
  let tid = newTid(nowMs);
  while (state.payments.has(tid)) tid = newTid(nowMs);
  return tid;
};

/**
 * Pays a link: a new payment with a TID, or the link's existing payment when it was paid already
 * (`created: false`). AMOUNT defaults to the link's amount.
 */
export const payLink = (
  state: SimulatorState,
  link: SimLink,
  input: PayInput,
  nowMs: number,
): { payment: SimPayment; created: boolean } => {
  const existing = link.TID === null ? undefined : state.payments.get(link.TID);
  if (existing) return { payment: existing, created: false };
  const request = link.request;
  const payMethod = input.PAYMETHOD ?? 'CARD';
  const payment: SimPayment = {
    URLKEY: link.URLKEY,
    API_ID: request.API_ID,
    TID: newUniqueTid(state, nowMs),
    ORDERNO: request.BILL_NO ?? link.URLKEY,
    AMOUNT: input.AMOUNT ?? request.AMOUNT,
    PAYMETHOD: payMethod,
    BUYERNAME: request.BUYERNAME,
    BUYEREMAIL: request.BUYEREMAIL ?? '',
    BUYERID: link.extra.BUYERID ?? '',
    PRODUCTNAME: request.PRODUCTNAME,
    PRODUCTCODE: link.extra.PRODUCTCODE ?? '',
    ACCEPTNO: randomDigits(8),
    ACCEPTDATE: kstStamp(nowMs),
    CANCELDATE: '',
    CANCELMSG: '',
    ACCOUNTNO: '',
    RECEIVERNAME: '',
    DEPOSITENDDATE: '',
    DEPOSITNAME: '',
    ...methodFields(payMethod, nowMs),
    paidAt: nowMs,
    cancelledAt: null,
    notification: null,
  };
  state.payments.set(payment.TID, payment);
  link.TID = payment.TID;
  return { payment, created: true };
};

/** Cancels a payment (sets CANCELDATE/CANCELMSG once; cancelling again changes nothing). */
export const cancelPayment = (payment: SimPayment, message: string, nowMs: number): boolean => {
  if (payment.cancelledAt !== null) return false;
  payment.cancelledAt = nowMs;
  payment.CANCELDATE = kstStamp(nowMs);
  payment.CANCELMSG = message;
  return true;
};
