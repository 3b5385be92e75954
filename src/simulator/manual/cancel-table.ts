import type { RequestTable } from './request-table.js';

/**
 * `POST /api/cancel`. No manual page of 결제취소 is at hand: this table is from what is known of it
 * (cookiepay-protocol.md §2: CookiePay's official plugins and the manual's 결제취소 page as they quote it). Fields in
 * lower case; `amount` absent for a full cancel; `bank`, `account_no`, `account_name` for the refund of a virtual
 * account. Headers `ApiKey` and `TOKEN`. No lengths are known: none is checked.
 */
export const cancelTable = {
  endpoint: '/api/cancel',
  source:
    "CookiePay's official plugins (cookiepayplugin_youngcart cookiepay.lib.php, WooCommerce process_refund)",
  headers: [
    { name: 'ApiKey', label: '쿠키페이 결제 연동 key', required: true },
    { name: 'TOKEN', label: '인증 TOKEN', required: true },
  ],
  fields: [
    // tid — 취소할 PG 거래 고유번호
    { name: 'tid', label: 'PG 거래 고유번호', required: true, maxLength: null },
    // reason — 취소 사유
    { name: 'reason', label: '취소 사유', required: true, maxLength: null },
    // amount — 부분취소 금액: absent = 전체취소 (full cancel)
    {
      name: 'amount',
      label: '취소 금액 (부분취소)',
      required: false,
      maxLength: null,
      format: { kind: 'digits' },
    },
    // bank, account_no, account_name — 가상계좌 환불 계좌
    { name: 'bank', label: '환불 은행', required: false, maxLength: null },
    { name: 'account_no', label: '환불 계좌번호', required: false, maxLength: null },
    { name: 'account_name', label: '환불 계좌 예금주', required: false, maxLength: null },
  ],
} as const satisfies RequestTable;
