import { resultCodes } from './result-codes.js';
import type { SimLink, SimPayment } from './state.js';

/** The `/api/urlcert` and `/api/paycert` answer for a payment: every field a string, cancel fields '' until cancelled. */
export const certAnswer = (payment: SimPayment): Record<string, string> => ({
  RESULTCODE: resultCodes.ok.code,
  RESULTMSG: resultCodes.ok.message,
  ORDERNO: payment.ORDERNO,
  // What partial cancels left (docs/simulator.md: how CookiePay shows them is not known); once cancelled, what
  // remained before the cancel that ended it (the whole AMOUNT for a full cancel).
  AMOUNT:
    payment.cancelledAmount === 0 ? payment.AMOUNT : String(Number(payment.AMOUNT) - payment.cancelledAmount),
  BUYERNAME: payment.BUYERNAME,
  BUYEREMAIL: payment.BUYEREMAIL,
  PRODUCTNAME: payment.PRODUCTNAME,
  PRODUCTCODE: payment.PRODUCTCODE,
  PAYMETHOD: payment.PAYMETHOD,
  BUYERID: payment.BUYERID,
  TID: payment.TID,
  ACCEPTNO: payment.ACCEPTNO,
  ACCEPTDATE: payment.ACCEPTDATE,
  CANCELDATE: payment.CANCELDATE,
  CANCELMSG: payment.CANCELMSG,
  ACCOUNTNO: payment.ACCOUNTNO,
  RECEIVERNAME: payment.RECEIVERNAME,
  DEPOSITENDDATE: payment.DEPOSITENDDATE,
  CARDNAME: payment.CARDNAME,
  CARDCODE: payment.CARDCODE,
});

/**
 * The approval notification (통지전문) of the manual, numbers as strings, SMS_INPUT = the URLKEY. The same fields
 * announce an issued virtual account (ACCEPT_NO and ACCEPT_DATE empty) and, later, its deposit.
 */
export const approvalNotification = (payment: SimPayment, link: SimLink): Record<string, string> => ({
  API_ID: payment.API_ID,
  ORDERNO: payment.ORDERNO,
  AMOUNT: payment.AMOUNT,
  TID: payment.TID,
  BUYEREMAIL: payment.BUYEREMAIL,
  BUYERNAME: payment.BUYERNAME,
  USERID: payment.BUYERID,
  PRODUCTCODE: payment.PRODUCTCODE,
  PRODUCTNAME: payment.PRODUCTNAME,
  ACCEPT_DATE: payment.ACCEPTDATE,
  ACCEPT_NO: payment.ACCEPTNO,
  CARDCODE: payment.CARDCODE,
  CARDNAME: payment.CARDNAME,
  CARDNO: payment.CARDNO,
  QUOTA: payment.QUOTA,
  ACCOUNTNO: payment.ACCOUNTNO,
  RECEIVERNAME: payment.RECEIVERNAME,
  DEPOSITENDDATE: payment.DEPOSITENDDATE,
  DEPOSITNAME: payment.DEPOSITNAME,
  PAY_METHOD: payment.PAYMETHOD,
  SMS_INPUT: link.URLKEY,
  ETC1: link.request.ETC1 ?? '',
  ETC2: link.request.ETC2 ?? '',
  // ETC3..5 are not fields of /urlpay/request: a URL payment's Noti carries them empty.
  ETC3: '',
  ETC4: '',
  ETC5: '',
});

/** The lower-case cancel notification public integrations receive. */
export const cancelNotification = (payment: SimPayment): Record<string, string> => ({
  noti_type: 'cancel',
  tid: payment.TID,
  orderno: payment.ORDERNO,
  cancel_amount: payment.AMOUNT,
  cancel_date: payment.CANCELDATE,
  paymethod: payment.PAYMETHOD,
});
