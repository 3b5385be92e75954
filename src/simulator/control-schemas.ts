import { z } from 'zod';
import { amount } from '../cookiepay/schemas/fields.js';
import { scriptedAnswerSchema } from './answers.js';
import { simulatedEndpoints } from './endpoints.js';
import { faultKinds } from './faults.js';

/** Bodies of the `/__sim/*` control endpoints. */
export const payControlSchema = z.object({
  URLKEY: z.string().min(1),
  AMOUNT: amount(10).optional(),
  PAYMETHOD: z.string().min(1).max(20).optional(),
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
export type ScriptControl = z.input<typeof scriptControlSchema>;
export type FaultsControl = z.input<typeof faultsControlSchema>;
