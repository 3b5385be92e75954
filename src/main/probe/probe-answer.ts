import { redactSecrets, redactValues } from '../../shared/secrets.js';
import type { RawProbeAnswer } from './probe-http.js';

/** How an answer is built: CookiePay's two result shapes, other JSON, no JSON, or no answer at all. */
export type AnswerShape = 'RESULTCODE' | 'RTN_CD' | 'other JSON' | 'not JSON' | 'no answer';

/** One request of the probe and what came back, read and with every secret masked: what a finding shows. */
export interface Exchange {
  /** The CookiePay path, e.g. `/api/urlcert`. */
  endpoint: string;
  /** What the request was, and what was particular about it (`header "apikey" (lower case)`). */
  sent: string;
  httpStatus?: number | undefined;
  shape: AnswerShape;
  /** RESULTCODE, else RTN_CD, as text. */
  code?: string | undefined;
  /** RESULTMSG, else RTN_MSG. */
  message?: string | undefined;
  /** The names of a JSON answer's fields, as answered. */
  fields: string[];
  /** The JSON answer, secret-named fields (TOKEN) and known secret values masked. */
  answer?: Record<string, unknown> | undefined;
  /** Why nothing came back (no connection, a timeout). */
  failure?: string | undefined;
}

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string or a number answered for a field, as text; undefined otherwise. */
export const textField = (record: Record<string, unknown> | undefined, name: string): string | undefined => {
  const value = record?.[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
};

/** `value` with secret-named fields masked and every known secret value replaced, at any depth. */
const scrub = (value: unknown, secrets: readonly string[]): unknown => {
  const walk = (inner: unknown): unknown => {
    if (typeof inner === 'string') return redactValues(inner, secrets);
    if (Array.isArray(inner)) return inner.map(walk);
    if (isRecord(inner))
      return Object.fromEntries(Object.entries(inner).map(([key, item]) => [key, walk(item)]));
    return inner;
  };
  return walk(redactSecrets(value));
};

/**
 * Reads one raw answer: its shape, code, message and fields. `secrets` (the key, the token) are masked wherever
 * they appear; secret-named fields (the token answer's TOKEN) always are. Pure.
 */
export const readAnswer = (
  endpoint: string,
  sent: string,
  raw: RawProbeAnswer,
  secrets: readonly string[],
): Exchange => {
  if (raw.kind === 'failed') {
    return { endpoint, sent, shape: 'no answer', fields: [], failure: redactValues(raw.reason, secrets) };
  }
  const base = { endpoint, sent, httpStatus: raw.httpStatus };
  const parsed = parseJson(raw.text);
  if (!parsed.ok) return { ...base, shape: 'not JSON', fields: [] };
  if (!isRecord(parsed.value)) return { ...base, shape: 'other JSON', fields: [] };
  const answer = scrub(parsed.value, secrets) as Record<string, unknown>;
  const fields = Object.keys(answer);
  const resultCode = textField(answer, 'RESULTCODE');
  const rtnCd = textField(answer, 'RTN_CD');
  if (resultCode !== undefined) {
    return {
      ...base,
      shape: 'RESULTCODE',
      code: resultCode,
      message: textField(answer, 'RESULTMSG'),
      fields,
      answer,
    };
  }
  if (rtnCd !== undefined) {
    return { ...base, shape: 'RTN_CD', code: rtnCd, message: textField(answer, 'RTN_MSG'), fields, answer };
  }
  return { ...base, shape: 'other JSON', fields, answer };
};

/** The exchange answered JSON carrying this result code (RESULTCODE or RTN_CD). */
export const answeredCode = (exchange: Exchange | undefined, code: string): boolean =>
  exchange?.code === code;

/** The same answer twice: the same status, shape, code and message. */
export const sameAnswer = (a: Exchange, b: Exchange): boolean =>
  a.httpStatus === b.httpStatus && a.shape === b.shape && a.code === b.code && a.message === b.message;
