import { z } from 'zod';

/**
 * Field builders that follow the CookiePay manual. Lengths count characters (the manual does not say bytes;
 * the official plugins truncate by characters). Every message names the rule, zod adds the field path.
 */

/** Free text of at most `max` characters; required fields must not be blank. */
export const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `must be at most ${max} characters` });

/** Optional free text: absent, null or '' all mean "not given" and are dropped before sending. */
export const optionalText = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .nullish()
    .transform((value) => (value ? value : undefined));

/** A string of digits only, at most `max` long. */
export const digits = (max: number) =>
  z
    .string({ error: 'must be a string of digits' })
    .regex(/^\d+$/, { error: 'must contain digits only' })
    .max(max, { error: `must be at most ${max} digits` });

/**
 * An amount in won: an integer or a string of digits, above 0, at most `maxDigits` digits.
 * Sent to CookiePay as a string of digits, as the manual's samples do.
 */
export const amount = (maxDigits = 10) =>
  z
    .union([z.number({ error: 'must be an integer or a string of digits' }), z.string()], {
      error: 'must be an integer or a string of digits',
    })
    .transform((value, ctx) => {
      const text =
        typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : value.trim();
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must contain digits only (no sign, comma or decimal point)',
        });
        return z.NEVER;
      }
      const normalised = text.replace(/^0+(?=\d)/, '');
      if (/^0+$/.test(normalised)) {
        ctx.addIssue({ code: 'custom', message: 'must be above 0' });
        return z.NEVER;
      }
      if (normalised.length > maxDigits) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${maxDigits} digits` });
        return z.NEVER;
      }
      return normalised;
    });

const isRealDate = (yyyymmdd: string): boolean => {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** A calendar date written YYYYMMDD that exists (no 20250230). */
export const yyyymmdd = () =>
  z
    .string({ error: 'must be a date written YYYYMMDD' })
    .regex(/^\d{8}$/, { error: 'must be a date written YYYYMMDD' })
    .refine(isRealDate, { error: 'is not a real calendar date' });

/**
 * A required code CookiePay answers as a string but may send as a number; kept as the string it means. Only a
 * number goes through a transform: a string, the usual case, is checked and kept as it is (half the cost).
 */
export const wireCode = () => z.union([z.string(), z.number().transform(String)]);

/** An optional field CookiePay answers as a string but may send as a number (see wireCode); null when absent. */
export const wireString = () => wireCode().nullish();
