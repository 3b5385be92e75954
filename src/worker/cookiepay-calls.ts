import type { CancelFields, CancelResponse } from '../cookiepay/schemas/cancel.js';
import type { DeliveryFields, DeliveryResponse } from '../cookiepay/schemas/delivery.js';
import type {
  PayCertRequest,
  PaymentCertResponse,
  UrlCertRequest,
} from '../cookiepay/schemas/payment-cert.js';
import type { UrlPayFields, UrlPayResponse } from '../cookiepay/schemas/url-pay.js';

/** What the processors need of the CookiePay client: each call resolves on 0000 and throws a CookiePayError else. */
export interface CookiePayCalls {
  urlPay(fields: UrlPayFields): Promise<UrlPayResponse>;
  urlCert(request: UrlCertRequest): Promise<PaymentCertResponse>;
  payCert(request: PayCertRequest): Promise<PaymentCertResponse>;
  deliveryAdd(fields: DeliveryFields): Promise<DeliveryResponse>;
  cancel(fields: CancelFields): Promise<CancelResponse>;
}
