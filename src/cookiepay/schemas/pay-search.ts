import { z } from 'zod';
import { paymentCertResponseSchema } from './payment-cert.js';

/** A day as paysearch takes it: `YYYY-MM-DD`. */
const day = z
  .string({ error: 'must be a string' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' });

/**
 * `/api/paysearch` request: the payments of the days from STD_DT to END_DT, or the one of TID (which overrides the
 * dates). API_ID is added by the client.
 */
export const paySearchRequestSchema = z.object({
  API_ID: z.string().min(1, { error: 'is required' }),
  STD_DT: day,
  END_DT: day,
  TID: z.string().trim().max(100, { error: 'must be at most 100 characters' }).optional(),
});

/** paysearch's "no data for the period": a non-error, read as no records. */
export const noRecordsCode = 'E008';

/**
 * The answer of `/api/paysearch`: a bare JSON array of records (read as RESULTCODE 0000 with them as `records`, see
 * EndpointSpec.arrayField), each with paycert's fields and its own RESULTCODE.
 */
export const paySearchResponseSchema = z.looseObject({
  RESULTCODE: z.string(),
  records: z.array(paymentCertResponseSchema).default([]),
});

export type PaySearchRequest = z.input<typeof paySearchRequestSchema>;
export type PaySearchResponse = z.output<typeof paySearchResponseSchema>;
export type PaySearchRecord = PaySearchResponse['records'][number];
