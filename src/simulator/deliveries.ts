import type { DeliveryRequest } from '../cookiepay/schemas/delivery.js';
import { type ResultAnswer, resultCodes } from './result-codes.js';
import type { SimulatorState } from './state.js';

/**
 * Registers an escrow delivery for a paid, not cancelled payment whose AMOUNT matches. Registering the same
 * TID and WAYBILLNO again succeeds again; another WAYBILLNO for the same TID is refused (that is what
 * `/escro/delivery_modify` is for).
 */
export const registerDelivery = (
  state: SimulatorState,
  request: DeliveryRequest,
  nowMs: number,
): ResultAnswer => {
  const payment = state.payments.get(request.TID);
  if (!payment || payment.API_ID !== request.API_ID) return resultCodes.unknownTid;
  if (payment.cancelledAt !== null) return resultCodes.cancelledPayment;
  if (payment.AMOUNT !== request.AMOUNT) return resultCodes.amountMismatch;
  const existing = state.deliveries.get(request.TID);
  if (existing) return existing.WAYBILLNO === request.WAYBILLNO ? resultCodes.ok : resultCodes.deliveryExists;
  state.deliveries.set(request.TID, { ...request, registeredAt: nowMs });
  return resultCodes.ok;
};
