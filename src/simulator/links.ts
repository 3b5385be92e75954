import type { UrlPayRequest } from '../cookiepay/schemas/url-pay.js';
import { randomAlphanumeric } from './ids.js';
import type { SimLink, SimulatorState } from './state.js';

const ECHOED_EXTRA_FIELDS = ['PRODUCTCODE', 'BUYERID', 'ETC3', 'ETC4', 'ETC5'] as const;

/** Fields outside the request schema that a payment would carry on, when the caller sent them as text. */
export const echoedExtras = (raw: unknown): Record<string, string> => {
  const extra: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return extra;
  const body = raw as Record<string, unknown>;
  for (const field of ECHOED_EXTRA_FIELDS) {
    const value = body[field];
    if (typeof value === 'string' || typeof value === 'number') extra[field] = String(value);
  }
  return extra;
};

const billKey = (apiId: string, billNo: string): string => `${apiId}\n${billNo}`;

/**
 * A payment link for the request: the existing one when the same API_ID already used this BILL_NO (CookiePay
 * re-sends the same bill address), else a new one with a fresh 20-character URLKEY.
 */
export const createOrReuseLink = (
  state: SimulatorState,
  request: UrlPayRequest,
  extra: Record<string, string>,
  publicUrl: string,
  nowMs: number,
): SimLink => {
  if (request.BILL_NO) {
    const existing = state.links.get(state.linksByBill.get(billKey(request.API_ID, request.BILL_NO)) ?? '');
    if (existing) return existing;
  }
  let urlKey = randomAlphanumeric(20);
  while (state.links.has(urlKey)) urlKey = randomAlphanumeric(20);
  const link: SimLink = {
    URLKEY: urlKey,
    PAYURL: `${publicUrl}/urlpay/${urlKey}`,
    request,
    extra,
    createdAt: nowMs,
    TID: null,
  };
  state.links.set(urlKey, link);
  if (request.BILL_NO) state.linksByBill.set(billKey(request.API_ID, request.BILL_NO), urlKey);
  return link;
};
