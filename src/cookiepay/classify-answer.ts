import type { z } from 'zod';
import { fieldProblemsOf } from '../shared/field-problems.js';
import { isSecretName } from '../shared/secrets.js';
import type { EndpointSpec } from './endpoints.js';
import { CookiePayError, sanitizeCause } from './errors.js';
import { parseRetryAfter } from './retry-after.js';

/** What came back from one HTTP exchange, before any interpretation. */
export type RawAnswer =
  | {
      kind: 'answered';
      httpStatus: number;
      retryAfter?: string | undefined;
      body: string;
    }
  | { kind: 'failed'; error: unknown };

export type Classified<T> =
  | { ok: true; response: T; resultCode: string }
  | { ok: false; error: CookiePayError };

/** Words CookiePay uses when it refuses a TOKEN. */
const SPEAKS_OF_TOKEN = /토큰|token/i;

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

const isTimeout = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code));
};

const fail = <T>(error: CookiePayError): Classified<T> => ({ ok: false, error });

const parseJsonObject = (body: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** The answer without its secret-named fields (the token endpoint's TOKEN): what an error may carry. */
const withoutSecrets = (response: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(response).filter(([key]) => !isSecretName(key)));

/** An answer that is not what the endpoint's schema describes: INVALID_RESPONSE, secrets left out. */
const invalid = <T>(
  spec: EndpointSpec<z.ZodType, z.ZodType>,
  httpStatus: number,
  why: string,
  response?: Record<string, unknown>,
): Classified<T> =>
  fail(
    new CookiePayError('INVALID_RESPONSE', `CookiePay ${spec.path} answered ${why}`, {
      endpoint: spec.path,
      httpStatus,
      response: response && withoutSecrets(response),
    }),
  );

/** A transport failure (no answer): timeouts are TIMEOUT, everything else NETWORK. The cause keeps no options. */
export const classifyFailure = (endpoint: string, error: unknown): CookiePayError => {
  const cause = sanitizeCause(error);
  return isTimeout(error)
    ? new CookiePayError('TIMEOUT', `CookiePay ${endpoint} did not answer in time (${cause.message})`, {
        endpoint,
        cause,
      })
    : new CookiePayError('NETWORK', `CookiePay ${endpoint} could not be reached (${cause.message})`, {
        endpoint,
        cause,
      });
};

/**
 * Interprets one raw answer of `spec`'s endpoint: the parsed response on "0000", otherwise the CookiePayError
 * it amounts to. Pure: the same raw answer always gives the same result.
 */
export const classifyAnswer = <Res extends z.ZodType>(
  spec: EndpointSpec<z.ZodType, Res>,
  raw: RawAnswer,
  now: number,
): Classified<z.output<Res>> => {
  const endpoint = spec.path;
  if (raw.kind === 'failed') return fail(classifyFailure(endpoint, raw.error));

  const { httpStatus } = raw;
  if ((httpStatus === 401 || httpStatus === 403) && spec.sendsToken) {
    return fail(
      new CookiePayError('TOKEN_REJECTED', `CookiePay ${endpoint} rejected the TOKEN (HTTP ${httpStatus})`, {
        endpoint,
        httpStatus,
      }),
    );
  }
  if (httpStatus === 429) {
    const retryAfterMs = parseRetryAfter(raw.retryAfter, now);
    const wait = retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`;
    return fail(
      new CookiePayError('RATE_LIMITED', `CookiePay ${endpoint} answered HTTP 429 Too Many Requests${wait}`, {
        endpoint,
        httpStatus,
        retryAfterMs,
      }),
    );
  }
  if (httpStatus < 200 || httpStatus > 299) {
    return fail(
      new CookiePayError('HTTP_STATUS', `CookiePay ${endpoint} answered HTTP ${httpStatus}`, {
        endpoint,
        httpStatus,
      }),
    );
  }

  const json = parseJsonObject(raw.body);
  if (json === undefined) return invalid(spec, httpStatus, 'a body that is not a JSON object');
  if (json[spec.resultField] === undefined || json[spec.resultField] === null) {
    return invalid(spec, httpStatus, `without ${spec.resultField}`, json);
  }
  const parsed = spec.response.safeParse(json);
  if (!parsed.success) {
    const fields = fieldProblemsOf(parsed.error, { root: '(body)' })
      .map((problem) => problem.field)
      .join(', ');
    return invalid(spec, httpStatus, `an unexpected shape (${fields})`, json);
  }
  const response = parsed.data as z.output<Res> & Record<string, unknown>;
  const resultCode = String(response[spec.resultField]);
  const message = response[spec.messageField];
  const resultMessage = typeof message === 'string' ? message : undefined;

  if (resultCode !== '0000') {
    const details = {
      endpoint,
      httpStatus,
      resultCode,
      resultMessage,
      response: withoutSecrets(response),
    };
    const text = `CookiePay ${endpoint} answered ${resultCode}: ${resultMessage ?? '(no message)'}`;
    return spec.sendsToken && resultMessage !== undefined && SPEAKS_OF_TOKEN.test(resultMessage)
      ? fail(new CookiePayError('TOKEN_REJECTED', text, details))
      : fail(new CookiePayError('RESULT', text, details));
  }
  const missing = spec.requiredOnSuccess.filter((field) => {
    const value = response[field];
    return typeof value !== 'string' || value === '';
  });
  if (missing.length > 0) return invalid(spec, httpStatus, `0000 without ${missing.join(', ')}`, response);
  return { ok: true, response, resultCode };
};
