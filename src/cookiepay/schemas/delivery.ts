import { z } from 'zod';
import { amount, optionalText, text, wireCode, wireString, yyyymmdd } from './fields.js';

/** `6.12346E+11`: what Excel makes of a long waybill number in a column of numbers (the digits are gone). */
const SCIENTIFIC_NOTATION = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;

/**
 * The fields of an escrow delivery registration (`/escro/delivery_add`), without API_ID.
 * Lengths from the manual's 배송정보 등록 page.
 */
export const deliveryFieldsSchema = z.object({
  TID: text(20).regex(/^[A-Za-z0-9_-]+$/, { error: 'must contain letters, digits, "-" or "_" only' }),
  AMOUNT: amount(10),
  RECEIVERNAME: text(50),
  RECEIVERDATE: yyyymmdd(),
  RECEIVERELATION: text(50),
  PARCELNAME: text(30),
  WAYBILLNO: text(50).refine((value) => !SCIENTIFIC_NOTATION.test(value), {
    error:
      'is a number in scientific notation (as Excel writes long numbers): its digits are lost; format the waybill column as text and export again',
  }),
  DELIVERYADDR: text(100),
  PRODUCTCODE: optionalText(10),
});

export const deliveryRequestSchema = z.intersection(
  z.object({ API_ID: z.string().min(1).max(20) }),
  deliveryFieldsSchema,
);

export const deliveryResponseSchema = z.looseObject({
  RESULTCODE: wireCode(),
  RESULTMSG: wireString(),
});

export type DeliveryFields = z.output<typeof deliveryFieldsSchema>;
export type DeliveryInput = z.input<typeof deliveryFieldsSchema>;
export type DeliveryRequest = z.output<typeof deliveryRequestSchema>;
export type DeliveryResponse = z.output<typeof deliveryResponseSchema>;
