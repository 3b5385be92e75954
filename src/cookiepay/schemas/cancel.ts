import { z } from 'zod';
import { amount, optionalText, text, wireCode, wireString } from './fields.js';

/**
 * The fields of a cancel (`/api/cancel`), in the manual's own lower-case names (결제취소; cookiepay-protocol.md §2):
 * `tid` and `reason`; `amount` absent for a full cancel, present for a partial one; for the refund of a virtual
 * account, the account to refund into (`bank`, `account_no`, `account_name`: all three, or none).
 */
export const cancelFieldsSchema = z
  .object({
    tid: text(100),
    reason: text(100),
    amount: amount(10).optional(),
    bank: optionalText(20),
    account_no: optionalText(30).refine((value) => value === undefined || /^[\d-]+$/.test(value), {
      error: 'must contain digits or "-" only',
    }),
    account_name: optionalText(30),
  })
  .superRefine((value, ctx) => {
    const given = (['bank', 'account_no', 'account_name'] as const).filter((field) => value[field]);
    if (given.length === 0 || given.length === 3) return;
    for (const field of ['bank', 'account_no', 'account_name'] as const) {
      if (!value[field]) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'is required with the other refund account fields (bank, account_no, account_name)',
        });
      }
    }
  });

/** The request: the fields as they are (no API_ID: the ApiKey and TOKEN headers name the account). */
export const cancelRequestSchema = cancelFieldsSchema;

/**
 * The answer: lower-case `cancel_code` ("0000" = cancelled) and `cancel_msg`, with `cancel_tid`, `cancel_date` and
 * `cancel_amt` (the amount cancelled) on success. Numbers may come as strings or numbers; unknown fields are kept.
 */
export const cancelResponseSchema = z.looseObject({
  cancel_code: wireCode(),
  cancel_msg: wireString(),
  cancel_tid: wireString(),
  cancel_date: wireString(),
  cancel_amt: wireString(),
});

export type CancelFields = z.output<typeof cancelFieldsSchema>;
export type CancelInput = z.input<typeof cancelFieldsSchema>;
export type CancelResponse = z.output<typeof cancelResponseSchema>;
