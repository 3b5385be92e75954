import type { Assumptions } from './assumptions.js';
import { randomAlphanumeric } from './ids.js';
import type { SimLink, SimulatorState, UrlPayRequest } from './state.js';

const billKey = (apiId: string, billNo: string): string => `${apiId}\n${billNo}`;

const newKey = (taken: (key: string) => boolean, make: () => string): string => {
  let key = make();
  while (taken(key)) key = make();
  return key;
};

export type LinkOutcome = { ok: true; link: SimLink } | { ok: false; reason: 'unknown-bill-no' };

/**
 * The payment link for a request. A BILL_NO the same API_ID used before gives that bill's link again (the manual:
 * the same bill address is re-sent). An unknown BILL_NO is, as `billNoUnknown` says, a new bill under that number
 * (`new-bill`) or refused (`refused`; there a request without BILL_NO gets a number of the simulator's making).
 * A new link has a fresh 20-character URLKEY.
 */
export const createOrReuseLink = (
  state: SimulatorState,
  request: UrlPayRequest,
  billNoUnknown: Assumptions['billNoUnknown'],
  publicUrl: string,
  nowMs: number,
): LinkOutcome => {
  if (request.BILL_NO !== undefined) {
    const existing = state.links.get(state.linksByBill.get(billKey(request.API_ID, request.BILL_NO)) ?? '');
    if (existing) return { ok: true, link: existing };
    if (billNoUnknown === 'refused') return { ok: false, reason: 'unknown-bill-no' };
  }
  const urlKey = newKey(
    (key) => state.links.has(key),
    () => randomAlphanumeric(20),
  );
  const billNo =
    request.BILL_NO ??
    (billNoUnknown === 'refused'
      ? newKey(
          (key) => state.linksByBill.has(billKey(request.API_ID, key)),
          () => `SB${randomAlphanumeric(18)}`,
        )
      : null);
  const link: SimLink = {
    URLKEY: urlKey,
    PAYURL: `${publicUrl}/urlpay/${urlKey}`,
    request,
    BILL_NO: billNo,
    createdAt: nowMs,
    TID: null,
  };
  state.links.set(urlKey, link);
  if (billNo !== null) state.linksByBill.set(billKey(request.API_ID, billNo), urlKey);
  return { ok: true, link };
};
