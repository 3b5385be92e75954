import { z } from 'zod';
import { wireString } from './fields.js';

const required = (max: number) =>
  z
    .union([z.string(), z.number()], { error: 'is required' })
    .transform(String)
    .pipe(
      z
        .string()
        .trim()
        .min(1, { error: 'is required' })
        .max(max, { error: `must be at most ${max} characters` }),
    );

/**
 * The payment notification (통지전문, Noti) CookiePay POSTs server to server when a payment is approved.
 * Nothing in it is signed: it is a hint to verify, never a fact.
 */
export const approvalNotificationSchema = z.looseObject({
  API_ID: wireString(),
  ORDERNO: wireString(),
  AMOUNT: required(10).pipe(z.string().regex(/^\d+$/, { error: 'must contain digits only' })),
  TID: required(50),
  BUYEREMAIL: wireString(),
  BUYERNAME: wireString(),
  USERID: wireString(),
  PRODUCTCODE: wireString(),
  PRODUCTNAME: wireString(),
  ACCEPT_DATE: wireString(),
  ACCEPT_NO: wireString(),
  CARDCODE: wireString(),
  CARDNAME: wireString(),
  CARDNO: wireString(),
  QUOTA: wireString(),
  ACCOUNTNO: wireString(),
  RECEIVERNAME: wireString(),
  DEPOSITENDDATE: wireString(),
  DEPOSITNAME: wireString(),
  PAY_METHOD: wireString(),
  SMS_INPUT: wireString(),
  ETC1: wireString(),
  ETC2: wireString(),
  ETC3: wireString(),
  ETC4: wireString(),
  ETC5: wireString(),
});

/** The lower-case cancel notification seen in public integrations (user or console cancel). */
export const cancelNotificationSchema = z.looseObject({
  noti_type: z.enum(['cancel', 'deposit_cancel'], { error: 'must be cancel or deposit_cancel' }),
  tid: required(50),
  orderno: wireString(),
  cancel_amount: wireString(),
  cancel_date: wireString(),
  paymethod: wireString(),
});

export type ApprovalNotification = z.output<typeof approvalNotificationSchema>;
export type CancelNotification = z.output<typeof cancelNotificationSchema>;
