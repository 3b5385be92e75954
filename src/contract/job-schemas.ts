import { z } from 'zod';
import { cancelFieldsSchema } from '../cookiepay/schemas/cancel.js';
import { deliveryFieldsSchema } from '../cookiepay/schemas/delivery.js';
import { urlPayFieldsSchema } from '../cookiepay/schemas/url-pay.js';
import { isCredentialName } from '../shared/secrets.js';
import type { JobKind } from './names.js';

/**
 * Credentials are the worker's business: a job that carries one (a credential name in any casing, or any
 * secret-like name: `isCredentialName`) is refused, so it never sits in Redis twice.
 */
const withoutCredentials = <Schema extends z.ZodType>(schema: Schema) =>
  z
    .unknown()
    .superRefine((value, ctx) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return;
      }
      for (const key of Object.keys(value)) {
        if (isCredentialName(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'must not be in job data: the worker adds credentials',
          });
        }
      }
    })
    .pipe(schema);

/**
 * What a urlpay job asks of the worker besides CookiePay's fields (never sent to CookiePay): `track: true` follows
 * the link to its end (paid, cancelled or past STATUS_POLL_TIMEOUT_MS), reporting through the payment events;
 * absent, TRACK_LINKS decides.
 */
export const urlPayWorkerFieldsSchema = z.object({
  track: z.boolean({ error: 'must be true or false' }).optional(),
});

/** The fields of a urlpay job: the manual's `/urlpay/request` fields without API_ID (its rules kept), and `track`. */
export const urlPayJobFieldsSchema = urlPayFieldsSchema.safeExtend(urlPayWorkerFieldsSchema.shape);

/** `cookiepay-urlpay` job data: urlPayJobFieldsSchema, no credentials. */
export const urlPayJobSchema = withoutCredentials(urlPayJobFieldsSchema);

/** `cookiepay-delivery` job data: the manual's `/escro/delivery_add` fields without API_ID. */
export const deliveryJobSchema = withoutCredentials(deliveryFieldsSchema);

export const statusFieldsSchema = z
  .object({
    URLKEY: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(50, { error: 'must be at most 50 characters' })
      .optional(),
    TID: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.URLKEY && !value.TID) {
      ctx.addIssue({ code: 'custom', path: ['URLKEY'], message: 'is required (or TID)' });
    }
    if (value.URLKEY && value.TID) {
      ctx.addIssue({ code: 'custom', path: ['TID'], message: 'must not be given together with URLKEY' });
    }
  });

/** `cookiepay-status` job data: URLKEY (checked with urlcert) or TID (checked with paycert). */
export const statusJobSchema = withoutCredentials(statusFieldsSchema);

/**
 * `cookiepay-cancel` job data: the manual's `/api/cancel` fields in its own lower-case names (tid, reason, amount for
 * a partial cancel, bank/account_no/account_name for the refund of a virtual account).
 */
export const cancelJobSchema = withoutCredentials(cancelFieldsSchema);

export const jobSchemas = {
  urlpay: urlPayJobSchema,
  delivery: deliveryJobSchema,
  status: statusJobSchema,
  cancel: cancelJobSchema,
} as const satisfies Record<JobKind, z.ZodType>;

export type UrlPayJobData = z.input<typeof urlPayJobFieldsSchema>;
export type DeliveryJobData = z.input<typeof deliveryFieldsSchema>;
export type StatusJobData = z.input<typeof statusFieldsSchema>;
export type CancelJobData = z.input<typeof cancelFieldsSchema>;
export type UrlPayJob = z.output<typeof urlPayJobSchema>;
export type DeliveryJob = z.output<typeof deliveryJobSchema>;
export type StatusJob = z.output<typeof statusJobSchema>;
export type CancelJob = z.output<typeof cancelJobSchema>;

export interface JobDataByKind {
  urlpay: UrlPayJobData;
  delivery: DeliveryJobData;
  status: StatusJobData;
  cancel: CancelJobData;
}
