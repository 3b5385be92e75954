import type { RequestTable } from './request-table.js';

/**
 * `POST /payAuth/token`, from `TOKEN 요청 전문 파라미터` (escrow-delivery-registration.txt, and the same table in
 * url-payment-notification-urlcert.txt). The samples send only `Content-Type`: no ApiKey, no TOKEN. Lower-case
 * field names, unlike every other endpoint.
 */
export const tokenTable = {
  endpoint: '/payAuth/token',
  source: 'cookiepay-manual: TOKEN 요청 전문 파라미터',
  headers: [],
  fields: [
    // pay2_id 30 cookiepayments에서 발급받은 ID 필수
    { name: 'pay2_id', label: 'cookiepayments에서 발급받은 ID', required: true, maxLength: 30 },
    // pay2_key 50 cookiepayments에서 발급받은 연동키 필수
    { name: 'pay2_key', label: 'cookiepayments에서 발급받은 연동키', required: true, maxLength: 50 },
  ],
} as const satisfies RequestTable;
