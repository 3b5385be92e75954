import { endpoints } from './endpoints.js';
import { type CookiePayError, isCookiePayError } from './errors.js';

/**
 * `/api/cancel`'s code for a payment already settled to the merchant (입금후취소): it cannot be cancelled by the API;
 * the refund goes by deposit (`/api/get_cancel_bank_account`, Kiwoom only) or by hand. The manual's 입금후취소 page.
 */
export const settledCode = '9029';

/**
 * How CookiePay says a payment is cancelled already: no code is known, only the words of `cancel_msg` that
 * CookiePay's own WooCommerce plugin takes as success (`이미 취소`, `원거래 기취소`; cookiepay-protocol.md §3).
 */
const ALREADY_CANCELLED = /이미\s*취소|기취소/;

/** A refusal of `/api/cancel` with a result code (CookiePay answered; not a failure to get an answer). */
const isCancelRefusal = (error: unknown): error is CookiePayError =>
  isCookiePayError(error) && error.code === 'RESULT' && error.endpoint === endpoints.cancel.path;

/** CookiePay answered that the payment is cancelled already (whatever the code: only the words are known). */
export const isAlreadyCancelled = (error: unknown): error is CookiePayError =>
  isCancelRefusal(error) && ALREADY_CANCELLED.test(error.resultMessage ?? '');

/** CookiePay answered 9029: the payment is settled, the refund goes by deposit. */
export const isSettled = (error: unknown): error is CookiePayError =>
  isCancelRefusal(error) && error.resultCode === settledCode;

/** An answer of `/api/cancel` about the payment itself, never about the TOKEN: already cancelled, or settled. */
export const isCancelAnswerAboutPayment = (error: unknown): boolean =>
  isAlreadyCancelled(error) || isSettled(error);
