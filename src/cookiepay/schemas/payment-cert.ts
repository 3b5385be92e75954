import { z } from 'zod';
import { wireCode, wireString } from './fields.js';

/** `/api/urlcert` request: the URLKEY of a payment link. */
export const urlCertRequestSchema = z.object({
  URLKEY: z
    .string()
    .trim()
    .min(1, { error: 'is required' })
    .max(50, { error: 'must be at most 50 characters' }),
});

/** `/api/paycert` request: lower-case `tid`, as the official plugins send it. */
export const payCertRequestSchema = z.object({
  tid: z
    .string()
    .trim()
    .min(1, { error: 'is required' })
    .max(100, { error: 'must be at most 100 characters' }),
});

/**
 * The answer of `/api/urlcert` and `/api/paycert`: RESULTCODE "0000" with the payment's fields, "EA01" while a
 * link is not paid yet. Numbers come as strings, optional fields may be null, unknown fields are kept.
 */
export const paymentCertResponseSchema = z.looseObject({
  RESULTCODE: wireCode(),
  RESULTMSG: wireString(),
  ORDERNO: wireString(),
  AMOUNT: wireString(),
  BUYERNAME: wireString(),
  BUYEREMAIL: wireString(),
  PRODUCTNAME: wireString(),
  PRODUCTCODE: wireString(),
  PAYMETHOD: wireString(),
  BUYERID: wireString(),
  TID: wireString(),
  ACCEPTNO: wireString(),
  ACCEPTDATE: wireString(),
  CANCELDATE: wireString(),
  CANCELMSG: wireString(),
  ACCOUNTNO: wireString(),
  RECEIVERNAME: wireString(),
  DEPOSITENDDATE: wireString(),
  CARDNAME: wireString(),
  CARDCODE: wireString(),
});

export type UrlCertRequest = z.output<typeof urlCertRequestSchema>;
export type PayCertRequest = z.output<typeof payCertRequestSchema>;
export type PaymentCertResponse = z.output<typeof paymentCertResponseSchema>;
