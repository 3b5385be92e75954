import type { z } from 'zod';
import { describeFieldProblems, fieldProblemsOf } from '../shared/field-problems.js';
import { isCancelAnswerAboutPayment } from './cancel-answers.js';
import { type EndpointSpec, endpoints, notPaidYetCode } from './endpoints.js';
import { CookiePayError, isCookiePayError } from './errors.js';
import type { CancelInput, CancelResponse } from './schemas/cancel.js';
import type { DeliveryInput, DeliveryResponse } from './schemas/delivery.js';
import { noRecordsCode, type PaySearchRecord } from './schemas/pay-search.js';
import type { PaymentCertResponse } from './schemas/payment-cert.js';
import type { TokenResponse } from './schemas/token.js';
import type { UrlPayInput, UrlPayResponse } from './schemas/url-pay.js';
import type { Transport } from './transport.js';

export interface CookiePayCredentials {
  /** API_ID, also sent as pay2_id. */
  apiId: string;
  /** The secret sent as the ApiKey header and as pay2_key. */
  apiKey: string;
}

/** Where TOKEN-carrying calls get their token; `createSharedToken` is the real one. */
export interface TokenSource {
  get(): Promise<string>;
  reject(token: string): Promise<void>;
}

export interface CookiePayClient {
  /** Asks CookiePay for a brand-new token (no cache); the answer holds TOKEN. */
  requestToken(): Promise<TokenResponse>;
  /** Creates a payment link (`/urlpay/request`). */
  urlPay(fields: UrlPayInput): Promise<UrlPayResponse>;
  /** Checks a payment link by URLKEY (`/api/urlcert`); EA01 (not paid yet) is a RESULT error. */
  urlCert(request: { URLKEY: string }): Promise<PaymentCertResponse>;
  /** Checks a payment by TID (`/api/paycert`). */
  payCert(request: { tid: string }): Promise<PaymentCertResponse>;
  /** Registers an escrow delivery (`/escro/delivery_add`). */
  deliveryAdd(fields: DeliveryInput): Promise<DeliveryResponse>;
  /**
   * Cancels a payment, all of it or `amount` (`/api/cancel`). An answer about the payment (already cancelled, 9029
   * settled: cancel-answers.ts) is not sent again with a fresh TOKEN.
   */
  cancel(fields: CancelInput): Promise<CancelResponse>;
  /**
   * The payments of the days STD_DT..END_DT, or of one TID (`/api/paysearch`); E008 (none) is no records, and is not
   * sent again with a fresh TOKEN.
   */
  paySearch(request: { STD_DT: string; END_DT: string; TID?: string }): Promise<PaySearchRecord[]>;
}

/** Validates a request body before anything is sent: invalid → INVALID_REQUEST naming every field. */
export const validateRequest = <Req extends z.ZodType>(
  spec: EndpointSpec<Req, z.ZodType>,
  body: unknown,
): z.output<Req> => {
  const parsed = spec.request.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = fieldProblemsOf(parsed.error, { root: '(body)' });
  const summary = describeFieldProblems(issues);
  throw new CookiePayError('INVALID_REQUEST', `CookiePay ${spec.path} request is invalid: ${summary}`, {
    endpoint: spec.path,
    issues,
  });
};

/**
 * Whether a failed call that sent a TOKEN may have failed because of that TOKEN. The manual gives no code for a bad
 * or expired TOKEN (성공시 "0000", 그외 에러: 0000 on success, anything else an error), so any answer other than 0000
 * and EA01 may be one, whatever its wording: a recognised rejection (TOKEN_REJECTED) or any other result code. Not
 * suspected: no answer, a 5xx, a 429, a body that is not CookiePay's, and EA01 (an answer about the payment).
 */
export const suspectsToken = (error: unknown): boolean =>
  isCookiePayError(error) &&
  (error.code === 'TOKEN_REJECTED' || (error.code === 'RESULT' && error.resultCode !== notPaidYetCode));

/** One token request (used by the client and as the shared token's fetcher). */
export const requestToken = async (transport: Transport, credentials: CookiePayCredentials) => {
  const spec = endpoints.token;
  const body = validateRequest(spec, { pay2_id: credentials.apiId, pay2_key: credentials.apiKey });
  return transport.exchange(spec, { headers: {}, body });
};

export const fetchTokenValue = async (transport: Transport, credentials: CookiePayCredentials) => {
  const response = await requestToken(transport, credentials);
  // classifyAnswer guarantees TOKEN on "0000" (endpoints.token.requiredOnSuccess).
  return String(response.TOKEN);
};

export const createCookiePayClient = (deps: {
  transport: Transport;
  credentials: CookiePayCredentials;
  tokens: TokenSource;
}): CookiePayClient => {
  const { transport, credentials, tokens } = deps;

  /**
   * Sends with the shared token. An answer that suspects it (suspectsToken) drops it, and the call is sent once more
   * with a fresh one: one refresh per token across every process (the shared token drops a token only while it is
   * still the current one, and one process fetches the next). The second answer is the call's: a rejection again is
   * TOKEN_REJECTED (that token is dropped too), any other code stands as CookiePay answered it.
   */
  const withToken = async <T>(
    send: (token: string) => Promise<T>,
    aboutPayment: (error: unknown) => boolean = () => false,
  ): Promise<T> => {
    const token = await tokens.get();
    try {
      return await send(token);
    } catch (error) {
      if (!suspectsToken(error) || aboutPayment(error)) throw error;
      await tokens.reject(token);
    }
    const fresh = await tokens.get();
    try {
      return await send(fresh);
    } catch (error) {
      if (isCookiePayError(error) && error.code === 'TOKEN_REJECTED') await tokens.reject(fresh);
      throw error;
    }
  };

  return {
    requestToken: () => requestToken(transport, credentials),

    urlPay: async (fields) => {
      const spec = endpoints.urlPay;
      const body = validateRequest(spec, { ...fields, API_ID: credentials.apiId });
      return transport.exchange(spec, { headers: { ApiKey: credentials.apiKey }, body });
    },

    urlCert: async (request) => {
      const spec = endpoints.urlCert;
      const body = validateRequest(spec, { URLKEY: request.URLKEY });
      return withToken((token) => transport.exchange(spec, { headers: { TOKEN: token }, body }));
    },

    payCert: async (request) => {
      const spec = endpoints.payCert;
      const body = validateRequest(spec, { tid: request.tid });
      return withToken((token) => transport.exchange(spec, { headers: { TOKEN: token }, body }));
    },

    deliveryAdd: async (fields) => {
      const spec = endpoints.deliveryAdd;
      const body = validateRequest(spec, { ...fields, API_ID: credentials.apiId });
      return withToken((token) =>
        transport.exchange(spec, { headers: { ApiKey: credentials.apiKey, TOKEN: token }, body }),
      );
    },

    cancel: async (fields) => {
      const spec = endpoints.cancel;
      const body = validateRequest(spec, fields);
      return withToken(
        (token) => transport.exchange(spec, { headers: { ApiKey: credentials.apiKey, TOKEN: token }, body }),
        isCancelAnswerAboutPayment,
      );
    },

    paySearch: async (request) => {
      const spec = endpoints.paySearch;
      const body = validateRequest(spec, { ...request, API_ID: credentials.apiId });
      const noRecords = (error: unknown) => isCookiePayError(error) && error.resultCode === noRecordsCode;
      try {
        const answer = await withToken(
          (token) => transport.exchange(spec, { headers: { TOKEN: token }, body }),
          noRecords,
        );
        return answer.records;
      } catch (error) {
        if (noRecords(error)) return [];
        throw error;
      }
    },
  };
};
