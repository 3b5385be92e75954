import type { deliveryTable } from './manual/delivery-table.js';
import type { ManualRequest } from './manual/request-table.js';
import type { urlPayTable } from './manual/url-pay-table.js';

/** A `/urlpay/request` that followed the manual. */
export type UrlPayRequest = ManualRequest<typeof urlPayTable>;
/** An `/escro/delivery_add` that followed the manual. */
export type DeliveryRequest = ManualRequest<typeof deliveryTable>;

/** What happened to one notification POST. */
export interface NotificationAttempt {
  url: string | null;
  delivered: boolean;
  status?: number | undefined;
  error?: string | undefined;
  at: number;
  /** `deposit`: the money arrived on a virtual account issued before (assumption `virtualAccount: deposit-later`). */
  kind: 'approval' | 'deposit' | 'cancel';
  TID: string;
}

/** A payment of a link, in CookiePay's field names (amounts as strings). */
export interface SimPayment {
  URLKEY: string;
  API_ID: string;
  TID: string;
  ORDERNO: string;
  AMOUNT: string;
  PAYMETHOD: string;
  BUYERNAME: string;
  BUYEREMAIL: string;
  BUYERID: string;
  PRODUCTNAME: string;
  PRODUCTCODE: string;
  ACCEPTNO: string;
  ACCEPTDATE: string;
  CANCELDATE: string;
  CANCELMSG: string;
  CARDNAME: string;
  CARDCODE: string;
  CARDNO: string;
  QUOTA: string;
  ACCOUNTNO: string;
  RECEIVERNAME: string;
  DEPOSITENDDATE: string;
  DEPOSITNAME: string;
  paidAt: number;
  /**
   * When the money arrived: `paidAt` for every payment but a virtual account issued under `deposit-later`, which
   * is null (ACCEPTNO and ACCEPTDATE empty) until `POST /__sim/deposit`.
   */
  depositedAt: number | null;
  cancelledAt: number | null;
  /** Won refunded by partial cancels (`/api/cancel` with an amount) so far; paycert shows AMOUNT less this. */
  cancelledAmount: number;
  /** When the payment was settled to the shop (`POST /__sim/settle`): `/api/cancel` then answers 9029. */
  settledAt: number | null;
  notification: NotificationAttempt | null;
}

/** A URL payment link made by `/urlpay/request`. */
export interface SimLink {
  URLKEY: string;
  PAYURL: string;
  request: UrlPayRequest;
  /** The bill's number: the request's, or one of the simulator's making (`billNoUnknown: refused`); null: none. */
  BILL_NO: string | null;
  createdAt: number;
  TID: string | null;
}

export type SimDelivery = DeliveryRequest & { registeredAt: number };

/** The simulator's in-memory store. */
export interface SimulatorState {
  links: Map<string, SimLink>;
  /** `${API_ID}\n${BILL_NO}` → URLKEY */
  linksByBill: Map<string, string>;
  /** TID → payment */
  payments: Map<string, SimPayment>;
  /** TID → delivery */
  deliveries: Map<string, SimDelivery>;
  notifications: NotificationAttempt[];
}

export const MAX_NOTIFICATIONS = 10_000;

export const createState = (): SimulatorState => ({
  links: new Map(),
  linksByBill: new Map(),
  payments: new Map(),
  deliveries: new Map(),
  notifications: [],
});

export const clearState = (state: SimulatorState): void => {
  state.links.clear();
  state.linksByBill.clear();
  state.payments.clear();
  state.deliveries.clear();
  state.notifications.length = 0;
};

export const recordNotification = (state: SimulatorState, attempt: NotificationAttempt): void => {
  if (state.notifications.length >= MAX_NOTIFICATIONS) state.notifications.shift();
  state.notifications.push(attempt);
};
