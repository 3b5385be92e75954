import type { FieldProblem } from '../shared/field-problems.js';
import { redactSecretsInText } from '../shared/secrets.js';

/**
 * The one error taxonomy of the CookiePay client. Every failure of a call is a CookiePayError with a stable
 * `code`; nothing here ever holds the ApiKey, pay2_key or a TOKEN (causes are rebuilt without request options).
 */
export const cookiePayErrorCodes = [
  /** The connection failed or dropped (refused, reset, DNS, socket hang up). */
  'NETWORK',
  /** No answer in time (connect or total timeout). */
  'TIMEOUT',
  /**
   * CookiePay answered with an HTTP status outside 2xx (other than 401/403/429, which have their own codes) and no
   * result code in its body, or a 5xx whatever its body says (a code it carries is kept in `resultCode`).
   */
  'HTTP_STATUS',
  /** The body was not JSON, or JSON of an unexpected shape. */
  'INVALID_RESPONSE',
  /**
   * CookiePay answered with a result code other than 0000 (in a 2xx answer, or in the JSON body of a 4xx);
   * `resultCode` and `resultMessage` carry it.
   */
  'RESULT',
  /**
   * CookiePay rejected the TOKEN: HTTP 401/403, the token endpoint's RTN_CD/RTN_MSG shape on another endpoint, or a
   * code other than 0000 whose message speaks of the token. (The client also suspects the TOKEN of any other code
   * but EA01, and repeats the call once with a fresh one: client.ts.)
   */
  'TOKEN_REJECTED',
  /** CookiePay answered 429, or the account's own rate limit holds the call back; see `retryAfterMs`. */
  'RATE_LIMITED',
  /** A request failed our own validation before it was sent (it never reached CookiePay). */
  'INVALID_REQUEST',
] as const;

export type CookiePayErrorCode = (typeof cookiePayErrorCodes)[number];

export interface CookiePayErrorDetails {
  /** The CookiePay path, e.g. `/urlpay/request`. */
  endpoint: string;
  httpStatus?: number | undefined;
  /** CookiePay's RESULTCODE / RTN_CD when it answered one. */
  resultCode?: string | undefined;
  resultMessage?: string | undefined;
  /** How long to hold back before the next call (429 Retry-After, or the local limiter). */
  retryAfterMs?: number | undefined;
  /** CookiePay's parsed answer, when there was one. */
  response?: Record<string, unknown> | undefined;
  /** Field problems of an INVALID_REQUEST. */
  issues?: readonly FieldProblem[] | undefined;
  cause?: unknown;
}

export class CookiePayError extends Error {
  override readonly name = 'CookiePayError';
  readonly code: CookiePayErrorCode;
  readonly endpoint: string;
  readonly httpStatus: number | undefined;
  readonly resultCode: string | undefined;
  readonly resultMessage: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly response: Record<string, unknown> | undefined;
  readonly issues: readonly FieldProblem[] | undefined;

  constructor(code: CookiePayErrorCode, message: string, details: CookiePayErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.endpoint = details.endpoint;
    this.httpStatus = details.httpStatus;
    this.resultCode = details.resultCode;
    this.resultMessage = details.resultMessage;
    this.retryAfterMs = details.retryAfterMs;
    this.response = details.response;
    this.issues = details.issues;
  }

  /** The code a result reports: CookiePay's own result code when it gave one, else ours. */
  get reportedCode(): string {
    return this.code === 'RESULT' && this.resultCode ? this.resultCode : this.code;
  }
}

export const isCookiePayError = (error: unknown): error is CookiePayError => error instanceof CookiePayError;

/**
 * A cause safe to keep: name, code and message of the original error, with anything that looks like a
 * credential masked (`ApiKey: x`, `token=x`, JSON `"pay2_key":"x"`, a URL's password: see redactSecretsInText).
 * Transport libraries attach request options (headers!) to their errors; those are dropped.
 */
export const sanitizeCause = (error: unknown): Error => {
  if (!(error instanceof Error)) return new Error(redactSecretsInText(String(error)));
  const clean = new Error(redactSecretsInText(error.message));
  clean.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(clean, { code });
  return clean;
};
