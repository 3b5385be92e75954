import { performance } from 'node:perf_hooks';
import { got } from 'got';
import type { z } from 'zod';
import { redactValues, secretValuesIn } from '../shared/secrets.js';
import { classifyAnswer, type RawAnswer } from './classify-answer.js';
import type { EndpointSpec } from './endpoints.js';
import type { CookiePayErrorCode } from './errors.js';
import { requestWithHeaderNames, spellingsOf } from './exact-header-names.js';
import { type CookiePayLogger, silentLogger } from './logger.js';
import { type Admission, openGate, type RequestGate } from './request-gate.js';

/** One HTTP request to CookiePay, as reported to `onRequest` (for metrics). */
export interface RequestEvent {
  endpoint: string;
  durationMs: number;
  httpStatus?: number | undefined;
  outcome: 'ok' | CookiePayErrorCode;
  resultCode?: string | undefined;
}

export interface TransportOptions {
  /** e.g. `https://sandbox.cookiepayments.com`. */
  baseUrl: string;
  /** Connect timeout; default 3 s (the vendor samples' CURLOPT_CONNECTTIMEOUT). */
  connectTimeoutMs?: number | undefined;
  /** Total time for one request; default 20 s (the vendor samples' CURLOPT_TIMEOUT). */
  timeoutMs?: number | undefined;
  gate?: RequestGate | undefined;
  /** Hold-back passed to `gate.throttle` when a 429 carries no readable Retry-After; default 1 s. */
  rateLimitFallbackMs?: number | undefined;
  onRequest?: ((event: RequestEvent) => void) | undefined;
  logger?: CookiePayLogger | undefined;
  now?: (() => number) | undefined;
}

export interface OutgoingRequest {
  /**
   * `ApiKey` and/or `TOKEN`, sent with their names exactly as written here (requestWithHeaderNames); Content-Type is
   * added here. Values are never logged.
   */
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export interface Transport {
  /** Sends one request and returns the parsed "0000" answer, or throws the CookiePayError it amounts to. */
  exchange<Res extends z.ZodType>(
    spec: EndpointSpec<z.ZodType, Res>,
    request: OutgoingRequest,
  ): Promise<z.output<Res>>;
}

export const defaultConnectTimeoutMs = 3_000;
export const defaultTimeoutMs = 20_000;

/** Replaces every occurrence of a known secret value in an error's message (belt and braces). */
const scrub = (error: unknown, secrets: readonly string[]): unknown => {
  if (!(error instanceof Error)) return error;
  const clean = new Error(redactValues(error.message, secrets));
  clean.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(clean, { code });
  return clean;
};

export const createTransport = (options: TransportOptions): Transport => {
  const gate = options.gate ?? openGate;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const http = got.extend({
    method: 'POST',
    timeout: {
      connect: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
      request: options.timeoutMs ?? defaultTimeoutMs,
    },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    // Answers are a few hundred bytes of JSON: no Accept-Encoding, no decompression stream per response.
    decompress: false,
    responseType: 'text',
  });

  const observe = (event: RequestEvent) => {
    try {
      options.onRequest?.(event);
    } catch (error) {
      logger.warn({ endpoint: event.endpoint, error: String(error) }, 'CookiePay onRequest observer threw');
    }
  };

  const send = async (path: string, request: OutgoingRequest, admission: Admission): Promise<RawAnswer> => {
    try {
      const headers = { ...request.headers, 'Content-Type': 'application/json; charset=utf-8' };
      const pending = http(`${baseUrl}${path}`, {
        headers,
        body: JSON.stringify(request.body),
        request: requestWithHeaderNames(spellingsOf(Object.keys(headers))),
      });
      // The request has left once its last byte is handed to the operating system: that is the departure the
      // rate gate counts (a request that fails before it reports as leaving when it ended, see exchange).
      pending.on('uploadProgress', (progress) => {
        if (progress.percent === 1) admission.left(Date.now());
      });
      const response = await pending;
      return {
        kind: 'answered',
        httpStatus: response.statusCode,
        retryAfter: response.headers['retry-after'],
        body: response.body,
      };
    } catch (error) {
      // Every header is a credential (ApiKey, TOKEN); of the body, the secret-named fields (pay2_key).
      const secrets = [...Object.values(request.headers), ...secretValuesIn(request.body)];
      return { kind: 'failed', error: scrub(error, secrets) };
    }
  };

  return {
    async exchange(spec, request) {
      const endpoint = spec.path;
      const admission = await gate.acquire(endpoint);
      const started = performance.now();
      const raw = await send(endpoint, request, admission);
      // Reported already when the request went out; otherwise it ended without (or without us seeing) its last
      // byte leave: counted as leaving now, which is never earlier than it could have.
      admission.left(Date.now());
      const durationMs = Math.round(performance.now() - started);
      const httpStatus = raw.kind === 'answered' ? raw.httpStatus : undefined;
      const result = classifyAnswer(spec, raw, now());
      if (result.ok) {
        observe({ endpoint, durationMs, httpStatus, outcome: 'ok', resultCode: result.resultCode });
        logger.debug({ endpoint, durationMs, httpStatus }, `CookiePay ${endpoint} answered 0000`);
        return result.response;
      }
      const { error } = result;
      observe({ endpoint, durationMs, httpStatus, outcome: error.code, resultCode: error.resultCode });
      logger.debug(
        { endpoint, durationMs, httpStatus, code: error.code, resultCode: error.resultCode },
        error.message,
      );
      if (error.code === 'RATE_LIMITED') {
        try {
          await gate.throttle(error.retryAfterMs ?? options.rateLimitFallbackMs ?? 1_000);
        } catch (throttleError) {
          logger.warn({ endpoint, error: String(throttleError) }, 'CookiePay request gate throttle failed');
        }
      }
      throw error;
    },
  };
};
