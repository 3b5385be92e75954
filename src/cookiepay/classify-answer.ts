import type { z } from 'zod';
import { fieldProblemsOf } from '../shared/field-problems.js';
import { isSecretName } from '../shared/secrets.js';
import { type EndpointSpec, successCode } from './endpoints.js';
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

const parseJsonObject = (
  body: string,
  spec?: EndpointSpec<z.ZodType, z.ZodType>,
): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(body);
    // An endpoint that answers its records as a bare JSON array (paysearch): a 0000 answer with them as `arrayField`.
    if (Array.isArray(value) && spec?.arrayField !== undefined)
      return { [spec.resultField]: successCode, [spec.arrayField]: value };
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

/** A result code or message as CookiePay writes it: a string, or a number (read as its text). */
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** The code a body carries and its message; `tokenShaped` when it is the token endpoint's RTN_CD/RTN_MSG. */
interface CodeInBody {
  resultCode: string;
  resultMessage: string | undefined;
  tokenShaped: boolean;
}

/**
 * The code a body carries: the endpoint's own field (RESULTCODE, or RTN_CD for the token), else, on an endpoint
 * that sends TOKEN, the token endpoint's RTN_CD/RTN_MSG: that shape comes from the layer that checks the TOKEN.
 */
const codeIn = (
  spec: EndpointSpec<z.ZodType, z.ZodType>,
  json: Record<string, unknown>,
): CodeInBody | undefined => {
  const own = textOf(json[spec.resultField]);
  if (own !== undefined && own !== '')
    return { resultCode: own, resultMessage: textOf(json[spec.messageField]), tokenShaped: false };
  const token = spec.sendsToken ? textOf(json.RTN_CD) : undefined;
  if (token !== undefined && token !== '')
    return { resultCode: token, resultMessage: textOf(json.RTN_MSG), tokenShaped: true };
  return undefined;
};

/**
 * A code other than 0000 that refuses the TOKEN: the token endpoint's RTN_CD shape on another endpoint, or a message
 * speaking of the token. Any other code is RESULT (the client still suspects the TOKEN of it: client.ts).
 */
const refusesToken = (spec: EndpointSpec<z.ZodType, z.ZodType>, said: CodeInBody): boolean =>
  spec.sendsToken &&
  (said.tokenShaped || (said.resultMessage !== undefined && SPEAKS_OF_TOKEN.test(said.resultMessage)));

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
  // Parsed before the status is looked at: CookiePay may put its code in the body of a non-2xx answer too.
  const json = parseJsonObject(raw.body, spec);
  const said = json && codeIn(spec, json);
  /** What an error about a body with a code carries: the code, its message and the body (secrets left out). */
  const coded = (found: CodeInBody, body: Record<string, unknown>) => ({
    endpoint,
    httpStatus,
    resultCode: found.resultCode,
    resultMessage: found.resultMessage,
    response: withoutSecrets(body),
  });
  const codeText = (found: CodeInBody) =>
    `${found.tokenShaped ? 'RTN_CD ' : ''}${found.resultCode}: ${found.resultMessage ?? '(no message)'}`;

  if ((httpStatus === 401 || httpStatus === 403) && spec.sendsToken) {
    const text = `CookiePay ${endpoint} rejected the TOKEN (HTTP ${httpStatus}${said ? `, ${codeText(said)}` : ''})`;
    return fail(
      new CookiePayError('TOKEN_REJECTED', text, json && said ? coded(said, json) : { endpoint, httpStatus }),
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
    // A 0000 outside 2xx contradicts its status: no code to keep.
    if (!json || !said || said.resultCode === successCode) {
      return fail(
        new CookiePayError('HTTP_STATUS', `CookiePay ${endpoint} answered HTTP ${httpStatus}`, {
          endpoint,
          httpStatus,
          response: json && withoutSecrets(json),
        }),
      );
    }
    // CookiePay's code is kept: a 4xx is its answer (RESULT, or a token rejection); any other status (a 5xx: a server
    // error) stays HTTP_STATUS, retried, with the code in its details.
    const text = `CookiePay ${endpoint} answered HTTP ${httpStatus} with ${codeText(said)}`;
    const answer = httpStatus >= 400 && httpStatus < 500;
    const code = !answer ? 'HTTP_STATUS' : refusesToken(spec, said) ? 'TOKEN_REJECTED' : 'RESULT';
    return fail(new CookiePayError(code, text, coded(said, json)));
  }

  if (json === undefined) return invalid(spec, httpStatus, 'a body that is not a JSON object');
  if (said?.tokenShaped && said.resultCode !== successCode) {
    // The token endpoint's RTN_CD/RTN_MSG instead of this endpoint's RESULTCODE: the TOKEN layer refused the call.
    return fail(
      new CookiePayError(
        'TOKEN_REJECTED',
        `CookiePay ${endpoint} answered ${codeText(said)}`,
        coded(said, json),
      ),
    );
  }
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

  if (resultCode !== successCode) {
    const found: CodeInBody = { resultCode, resultMessage, tokenShaped: false };
    const text = `CookiePay ${endpoint} answered ${codeText(found)}`;
    const code = refusesToken(spec, found) ? 'TOKEN_REJECTED' : 'RESULT';
    return fail(new CookiePayError(code, text, coded(found, response)));
  }
  const missing = spec.requiredOnSuccess.filter((field) => {
    const value = response[field];
    return typeof value !== 'string' || value === '';
  });
  if (missing.length > 0) return invalid(spec, httpStatus, `0000 without ${missing.join(', ')}`, response);
  return { ok: true, response, resultCode };
};
