/** The CookiePay layer: HTTP client, shared token, error taxonomy. Knows nothing of BullMQ. */
export type { CookiePayClient, CookiePayCredentials, TokenSource } from './client.js';
export { createCookiePayClient } from './client.js';
export type { CookiePay, CookiePayOptions } from './create-cookiepay.js';
export {
  createCookiePay,
  defaultTokenFallbackTtlMs,
  defaultTokenSafetyMarginMs,
} from './create-cookiepay.js';
export type { EndpointName, EndpointSpec } from './endpoints.js';
export { endpoints } from './endpoints.js';
export type { CookiePayErrorCode, CookiePayErrorDetails, FieldIssue } from './errors.js';
export { CookiePayError, cookiePayErrorCodes, isCookiePayError, sanitizeCause } from './errors.js';
export type { CookiePayLogger } from './logger.js';
export type { RequestGate } from './request-gate.js';
export { openGate } from './request-gate.js';
export type { SharedToken } from './token/shared-token.js';
export type { RequestEvent, Transport } from './transport.js';
export { createTransport, defaultConnectTimeoutMs, defaultTimeoutMs } from './transport.js';
