import type { Assumptions } from './assumptions.js';
import { type ResultAnswer, resultCodes } from './result-codes.js';
import type { DeliveryRequest, SimulatorState } from './state.js';

/**
 * Registers an escrow delivery for a paid (for a virtual account: deposited), not cancelled payment whose AMOUNT
 * matches. Registering the same TID and WAYBILLNO again answers as `duplicateDelivery` says (0000 again, or E010);
 * another WAYBILLNO for the same TID is refused (that is what `/escro/delivery_modify` is for).
 */
export const registerDelivery = (
  state: SimulatorState,
  request: DeliveryRequest,
  duplicate: Assumptions['duplicateDelivery'],
  nowMs: number,
): ResultAnswer => {
  const payment = state.payments.get(request.TID);
  if (!payment || payment.API_ID !== request.API_ID) return resultCodes.unknownTid;
  if (payment.cancelledAt !== null) return resultCodes.cancelledPayment;
  if (payment.depositedAt === null) return resultCodes.notDeposited;
  if (payment.AMOUNT !== request.AMOUNT) return resultCodes.amountMismatch;
  const existing = state.deliveries.get(request.TID);
  if (existing) {
    if (existing.WAYBILLNO !== request.WAYBILLNO) return resultCodes.deliveryExists;
    return duplicate === 'ok' ? resultCodes.ok : resultCodes.duplicateDelivery;
  }
  state.deliveries.set(request.TID, { ...request, registeredAt: nowMs });
  return resultCodes.ok;
};
