import type { z } from 'zod';
import { cancelRequestSchema, cancelResponseSchema } from './schemas/cancel.js';
import { deliveryRequestSchema, deliveryResponseSchema } from './schemas/delivery.js';
import { paySearchRequestSchema, paySearchResponseSchema } from './schemas/pay-search.js';
import {
  payCertRequestSchema,
  paymentCertResponseSchema,
  urlCertRequestSchema,
} from './schemas/payment-cert.js';
import { tokenRequestSchema, tokenResponseSchema } from './schemas/token.js';
import { urlPayRequestSchema, urlPayResponseSchema } from './schemas/url-pay.js';

/** The result code of success on every endpoint (RTN_CD of the token, RESULTCODE elsewhere). */
export const successCode = '0000';

/** urlcert's "not paid yet" (결제 미진행): the manual's one documented code besides 0000. */
export const notPaidYetCode = 'EA01';

/** What the client must know about one CookiePay endpoint. */
export interface EndpointSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** The path under the base URL, e.g. `/api/urlcert`; also the endpoint's name in errors and metrics. */
  path: string;
  /** The field carrying the result code ("0000" = success) and the one carrying its message. */
  resultField: 'RTN_CD' | 'RESULTCODE' | 'cancel_code';
  messageField: 'RTN_MSG' | 'RESULTMSG' | 'cancel_msg';
  /** Whether the request carries the `ApiKey` header and the `TOKEN` header. */
  sendsApiKey: boolean;
  sendsToken: boolean;
  /** An answer that is a bare JSON array (paysearch's records) is read as a 0000 answer with the array as this field. */
  arrayField?: string;
  /** Fields a "0000" answer must carry as non-empty strings, else the answer is INVALID_RESPONSE. */
  requiredOnSuccess: readonly string[];
  request: Req;
  response: Res;
}

const spec = <Req extends z.ZodType, Res extends z.ZodType>(
  value: EndpointSpec<Req, Res>,
): EndpointSpec<Req, Res> => value;

/** The CookiePay endpoints this worker uses. All are POST with a JSON body. */
export const endpoints = {
  token: spec({
    path: '/payAuth/token',
    resultField: 'RTN_CD',
    messageField: 'RTN_MSG',
    sendsApiKey: false,
    sendsToken: false,
    requiredOnSuccess: ['TOKEN'],
    request: tokenRequestSchema,
    response: tokenResponseSchema,
  }),
  urlPay: spec({
    path: '/urlpay/request',
    resultField: 'RESULTCODE',
    messageField: 'RESULTMSG',
    sendsApiKey: true,
    sendsToken: false,
    // The manual marks both 필수 (required); a link without its address cannot be sent to the buyer.
    requiredOnSuccess: ['URLKEY', 'PAYURL'],
    request: urlPayRequestSchema,
    response: urlPayResponseSchema,
  }),
  urlCert: spec({
    path: '/api/urlcert',
    resultField: 'RESULTCODE',
    messageField: 'RESULTMSG',
    sendsApiKey: false,
    sendsToken: true,
    requiredOnSuccess: [],
    request: urlCertRequestSchema,
    response: paymentCertResponseSchema,
  }),
  payCert: spec({
    path: '/api/paycert',
    resultField: 'RESULTCODE',
    messageField: 'RESULTMSG',
    sendsApiKey: false,
    sendsToken: true,
    requiredOnSuccess: [],
    request: payCertRequestSchema,
    response: paymentCertResponseSchema,
  }),
  deliveryAdd: spec({
    path: '/escro/delivery_add',
    resultField: 'RESULTCODE',
    messageField: 'RESULTMSG',
    sendsApiKey: true,
    sendsToken: true,
    requiredOnSuccess: [],
    request: deliveryRequestSchema,
    response: deliveryResponseSchema,
  }),
  cancel: spec({
    path: '/api/cancel',
    // The cancel answers in lower case: cancel_code ("0000" = cancelled) and cancel_msg.
    resultField: 'cancel_code',
    messageField: 'cancel_msg',
    sendsApiKey: true,
    sendsToken: true,
    requiredOnSuccess: [],
    request: cancelRequestSchema,
    response: cancelResponseSchema,
  }),
  paySearch: spec({
    path: '/api/paysearch',
    resultField: 'RESULTCODE',
    messageField: 'RESULTMSG',
    sendsApiKey: false,
    sendsToken: true,
    requiredOnSuccess: [],
    arrayField: 'records',
    request: paySearchRequestSchema,
    response: paySearchResponseSchema,
  }),
} as const;

export type EndpointName = keyof typeof endpoints;
