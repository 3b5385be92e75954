import { z } from 'zod';
import { amount, digits, optionalText, text, wireCode, wireString } from './fields.js';

export const reqTypes = ['SMS', 'EMAIL', 'KAKAO'] as const;

/**
 * The fields of a URL payment request, without API_ID (the client adds its own).
 * Rules from the manual's `/urlpay/request` page.
 */
export const urlPayFieldsSchema = z
  .object({
    PRODUCTNAME: text(40).refine((value) => !value.includes('&'), { error: 'must not contain "&"' }),
    AMOUNT: amount(10),
    BUYERNAME: text(20),
    BUYERHP: z
      .string({ error: 'must be a string of digits' })
      .transform((value) => value.replace(/-/g, '').trim())
      .pipe(digits(11).min(9, { error: 'must be 9 to 11 digits' })),
    BUYEREMAIL: optionalText(50).refine(
      (value) => value === undefined || z.email().safeParse(value).success,
      {
        error: 'must be an e-mail address',
      },
    ),
    REQ_TYPE: z
      .enum(['', ...reqTypes], { error: 'must be one of SMS, EMAIL, KAKAO or empty' })
      .nullish()
      .transform((value) => value || undefined),
    TAXYN: z
      .enum(['Y', 'N'], { error: 'must be Y or N' })
      .nullish()
      .transform((value) => value ?? undefined),
    BILL_NO: optionalText(20),
    MEMO: optionalText(100),
    ETC1: optionalText(100),
    ETC2: optionalText(100),
  })
  .superRefine(
    (value, ctx) => {
      if (value.REQ_TYPE === 'EMAIL' && !value.BUYEREMAIL) {
        ctx.addIssue({ code: 'custom', path: ['BUYEREMAIL'], message: 'is required when REQ_TYPE is EMAIL' });
      }
    },
    // Also run when another field failed, so one answer lists every problem.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

export const urlPayRequestSchema = z.intersection(
  z.object({ API_ID: z.string().min(1).max(20) }),
  urlPayFieldsSchema,
);

export const urlPayResponseSchema = z.looseObject({
  RESULTCODE: wireCode(),
  RESULTMSG: wireString(),
  URLKEY: wireString(),
  PAYURL: wireString(),
  BILL_NO: wireString(),
  ETC1: wireString(),
  ETC2: wireString(),
});

export type UrlPayFields = z.output<typeof urlPayFieldsSchema>;
export type UrlPayInput = z.input<typeof urlPayFieldsSchema>;
export type UrlPayRequest = z.output<typeof urlPayRequestSchema>;
export type UrlPayResponse = z.output<typeof urlPayResponseSchema>;
