import type { RequestTable } from './request-table.js';

/**
 * `POST /api/paycert`. The manual pages at hand have no table for it: this one is from CookiePay's own plugins
 * (cookiepay-protocol.md §2: `{ "tid": … }` in lower case, header `TOKEN`). No length is given (TIDs of up to 50
 * characters are answered, the plugin stores up to 100): none is checked.
 */
export const payCertTable = {
  endpoint: '/api/paycert',
  source: "CookiePay's official plugins (cookiepayplugin_youngcart pgresult.php, result.noti.php)",
  headers: [{ name: 'TOKEN', label: 'TOKEN API통해 발행된 TOKEN 값', required: true }],
  fields: [
    // tid — PG 거래 고유번호, written in lower case by every official client.
    { name: 'tid', label: 'PG 거래 고유번호', required: true, maxLength: null },
  ],
} as const satisfies RequestTable;
