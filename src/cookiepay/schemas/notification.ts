import { z } from 'zod';
import type { FieldProblem } from '../../shared/field-problems.js';

/**
 * CookiePay's payment notification (통지전문, Noti), as CookiePay or a proxy in front of us may send it: JSON (the
 * manual), form-encoded, or with no content type at all. Nothing in it is signed: it is a hint to verify, never a
 * fact. Only the fields the verification uses are checked; the manual's others (ORDERNO, BUYERNAME, SMS_INPUT, …)
 * are kept as they came and never decide anything, so an odd value there cannot lose a notification.
 */

/** A required identifier: a string or a number, trimmed, not blank. */
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

/** An optional string or number; absent, null and blank all mean "not given". */
const optional = (max: number) =>
  z
    .union([z.string(), z.number()], { error: 'must be a string' })
    .transform((value) => String(value).trim())
    .pipe(z.string().max(max, { error: `must be at most ${max} characters` }))
    .nullish()
    .transform((value) => (value ? value : undefined));

/** Digits only (leading zeros allowed: "01000" is 1000), at most 10 significant digits; read as a number. */
const amountDigits = z
  .string()
  .regex(/^\d+$/, { error: 'must contain digits only (no sign, comma or decimal point)' })
  .refine((value) => value.replace(/^0+(?=\d)/, '').length <= 10, { error: 'must be at most 10 digits' })
  .transform(Number);

/** A required amount as CookiePay writes it: a string (or number) of digits. */
const requiredAmount = required(64).pipe(amountDigits);

/** An optional amount: absent, null or blank mean "not given". */
const optionalAmount = optional(64).pipe(amountDigits.optional());

/** The API_ID the notification names (the manual's field), when it names one. */
const apiId = optional(30);

/** TIDs are 20 characters in the manual, longer in practice; paycert takes up to 100. */
const tid = required(100);

/** The manual's approval form (upper-case fields): `TID` and `AMOUNT` are required. */
export const approvalNotificationSchema = z.looseObject({
  API_ID: apiId,
  TID: tid,
  AMOUNT: requiredAmount,
});

/**
 * The lower-case cancel form seen in public integrations (a cancel in the Kakao/Naver app or the console, and the
 * result of a cancel after deposit, 입금후취소), recognised by `noti_type`.
 */
export const cancelNotificationSchema = z.looseObject({
  noti_type: z.enum(['cancel', 'deposit_cancel'], { error: 'must be cancel or deposit_cancel' }),
  API_ID: apiId,
  tid,
  /** The cancelled amount; absent means the whole payment. */
  cancel_amount: optionalAmount,
});

export type ApprovalNotification = z.output<typeof approvalNotificationSchema>;
export type CancelNotification = z.output<typeof cancelNotificationSchema>;

export type NotificationBody =
  | { ok: true; fields: Record<string, unknown> }
  | { ok: false; issues: FieldProblem[] };

/** Names that would reach an object's prototype; a notification never has them. */
const forbiddenNames = new Set(['__proto__', 'constructor', 'prototype']);

const bodyProblem = (reason: string): NotificationBody => ({
  ok: false,
  issues: [{ field: '(body)', reason }],
});

const readJson = (text: string): NotificationBody => {
  let forbidden: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, inner: unknown) => {
      if (forbiddenNames.has(key)) forbidden ??= key;
      return inner;
    });
  } catch {
    return bodyProblem('is not valid JSON');
  }
  if (forbidden !== undefined) return { ok: false, issues: [{ field: forbidden, reason: 'is not allowed' }] };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return bodyProblem('must be a JSON object');
  return { ok: true, fields: value as Record<string, unknown> };
};

const readForm = (text: string): NotificationBody => {
  const fields: Record<string, unknown> = {};
  const issues: FieldProblem[] = [];
  for (const [name, value] of new URLSearchParams(text)) {
    if (forbiddenNames.has(name)) issues.push({ field: name, reason: 'is not allowed' });
    else if (Object.hasOwn(fields, name)) issues.push({ field: name, reason: 'appears more than once' });
    else fields[name] = value;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, fields };
};

/**
 * The fields of a notification's raw body, read from the body alone (never from its content type, which a proxy
 * may have dropped or changed): a body that starts with `{` or `[` is JSON, anything else is form-encoded
 * (`TID=…&AMOUNT=…`). The same body always reads the same way. Pure.
 */
export const readNotificationBody = (rawBody: string): NotificationBody => {
  const text = rawBody.trim();
  if (text === '') return bodyProblem('is empty');
  return text.startsWith('{') || text.startsWith('[') ? readJson(text) : readForm(text);
};
