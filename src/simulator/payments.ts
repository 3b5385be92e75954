import type { Assumptions } from './assumptions.js';
import { kstStamp, newTid, randomDigits } from './ids.js';
import type { SimLink, SimPayment, SimulatorState } from './state.js';

export interface PayInput {
  AMOUNT?: string | undefined;
  PAYMETHOD?: string | undefined;
}

/** PAYMETHOD of a virtual account: `VACCT` in the manual, `VACCOUNT` in a vendor plugin's sample. */
const VIRTUAL_ACCOUNT = new Set(['VACCT', 'VACCOUNT']);

export const isVirtualAccount = (payMethod: string): boolean => VIRTUAL_ACCOUNT.has(payMethod);

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
 * (`created: false`). AMOUNT defaults to the link's amount. A virtual account under `deposit-later` is only
 * issued: ACCEPTNO and ACCEPTDATE stay empty and `depositedAt` null until `depositPayment` (a vendor plugin's own
 * virtual-account paycert sample has `ACCEPTNO: ""`, and it reads such an answer as not paid yet).
 */
export const payLink = (
  state: SimulatorState,
  link: SimLink,
  input: PayInput,
  virtualAccount: Assumptions['virtualAccount'],
  nowMs: number,
): { payment: SimPayment; created: boolean } => {
  const existing = link.TID === null ? undefined : state.payments.get(link.TID);
  if (existing) return { payment: existing, created: false };
  const request = link.request;
  const payMethod = input.PAYMETHOD ?? 'CARD';
  const issuedOnly = isVirtualAccount(payMethod) && virtualAccount === 'deposit-later';
  const payment: SimPayment = {
    URLKEY: link.URLKEY,
    API_ID: request.API_ID,
    TID: newUniqueTid(state, nowMs),
    ORDERNO: link.BILL_NO ?? link.URLKEY,
    AMOUNT: input.AMOUNT ?? request.AMOUNT,
    PAYMETHOD: payMethod,
    BUYERNAME: request.BUYERNAME,
    BUYEREMAIL: request.BUYEREMAIL ?? '',
    PRODUCTNAME: request.PRODUCTNAME,
    // Not fields of /urlpay/request: a URL payment has none to echo.
    BUYERID: '',
    PRODUCTCODE: '',
    ACCEPTNO: issuedOnly ? '' : randomDigits(8),
    ACCEPTDATE: issuedOnly ? '' : kstStamp(nowMs),
    CANCELDATE: '',
    CANCELMSG: '',
    ACCOUNTNO: '',
    RECEIVERNAME: '',
    DEPOSITENDDATE: '',
    DEPOSITNAME: '',
    ...methodFields(payMethod, nowMs),
    paidAt: nowMs,
    depositedAt: issuedOnly ? null : nowMs,
    cancelledAt: null,
    cancelledAmount: 0,
    settledAt: null,
    notification: null,
  };
  state.payments.set(payment.TID, payment);
  link.TID = payment.TID;
  return { payment, created: true };
};

export type DepositOutcome =
  | { ok: true; deposited: boolean }
  | { ok: false; reason: 'not-a-virtual-account' | 'cancelled' };

/**
 * The money arrives on an issued virtual account: ACCEPTNO, ACCEPTDATE and DEPOSITNAME (the buyer) are filled in.
 * `deposited: false` when it had arrived already (nothing changes).
 */
export const depositPayment = (payment: SimPayment, nowMs: number): DepositOutcome => {
  if (!isVirtualAccount(payment.PAYMETHOD)) return { ok: false, reason: 'not-a-virtual-account' };
  if (payment.depositedAt !== null) return { ok: true, deposited: false };
  if (payment.cancelledAt !== null) return { ok: false, reason: 'cancelled' };
  payment.depositedAt = nowMs;
  payment.ACCEPTNO = randomDigits(8);
  payment.ACCEPTDATE = kstStamp(nowMs);
  payment.DEPOSITNAME = payment.BUYERNAME;
  return { ok: true, deposited: true };
};

/** Cancels a payment (sets CANCELDATE/CANCELMSG once; cancelling again changes nothing). */
export const cancelPayment = (payment: SimPayment, message: string, nowMs: number): boolean => {
  if (payment.cancelledAt !== null) return false;
  payment.cancelledAt = nowMs;
  payment.CANCELDATE = kstStamp(nowMs);
  payment.CANCELMSG = message;
  return true;
};
