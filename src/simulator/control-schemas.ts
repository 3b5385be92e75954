import { z } from 'zod';
import { scriptedAnswerSchema } from './answers.js';
import { simulatedEndpoints } from './endpoints.js';
import { faultKinds } from './faults.js';

/** An amount in won: a positive integer or its digits, kept as the digits (as CookiePay answers amounts). */
const amountControl = z
  .union([z.number().int().positive().max(9_999_999_999), z.string().regex(/^[1-9]\d{0,9}$/)], {
    error: 'must be a positive integer of at most 10 digits',
  })
  .transform(String);

/** Bodies of the `/__sim/*` control endpoints. */
export const payControlSchema = z.object({
  URLKEY: z.string().min(1),
  AMOUNT: amountControl.optional(),
  PAYMETHOD: z.string().min(1).max(20).optional(),
  /** false: the approval notification is dropped (never POSTed), as one lost on the way. */
  notify: z.boolean().default(true),
});

export const cancelControlSchema = z
  .object({
    TID: z.string().min(1).optional(),
    URLKEY: z.string().min(1).optional(),
    message: z.string().max(50).optional(),
    /** Also POST the lower-case cancel notification. */
    notify: z.boolean().optional(),
  })
  .refine((value) => value.TID !== undefined || value.URLKEY !== undefined, {
    error: 'TID or URLKEY is required',
  });

/** `POST /__sim/settle`: the payment is settled to the shop; `/api/cancel` then answers 9029. */
export const settleControlSchema = z.object({ TID: z.string().min(1) });

/** `POST /__sim/deposit`: the payment of a virtual account, by TID or by its link's URLKEY. */
export const depositControlSchema = z
  .object({
    TID: z.string().min(1).optional(),
    URLKEY: z.string().min(1).optional(),
    /** Also POST the deposit notification (default true). */
    notify: z.boolean().default(true),
  })
  .refine((value) => value.TID !== undefined || value.URLKEY !== undefined, {
    error: 'TID or URLKEY is required',
  });

export const scriptControlSchema = z.object({
  endpoint: z.enum(simulatedEndpoints),
  answers: z.array(scriptedAnswerSchema).min(1),
});

export const rateLimitControlSchema = z.object({
  max: z.number().int().min(1).nullable(),
  durationMs: z.number().int().min(1).default(1000),
});

export const latencyControlSchema = z.object({ ms: z.number().int().min(0).max(600_000) });

export const faultsControlSchema = z.object({
  rate: z.number().min(0).max(1),
  kinds: z.array(z.enum(faultKinds)).min(1).optional(),
  hangMs: z.number().int().min(0).max(600_000).optional(),
});

export const notificationUrlControlSchema = z.object({ url: z.url().nullable() });

export const requestsQuerySchema = z.object({
  endpoint: z.string().optional(),
  since: z.coerce.number().int().min(0).optional(),
});

export type PayControl = z.input<typeof payControlSchema>;
export type CancelControl = z.input<typeof cancelControlSchema>;
export type DepositControl = z.input<typeof depositControlSchema>;
export type SettleControl = z.input<typeof settleControlSchema>;
export type ScriptControl = z.input<typeof scriptControlSchema>;
export type FaultsControl = z.input<typeof faultsControlSchema>;
