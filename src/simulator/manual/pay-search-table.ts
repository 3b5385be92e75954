import type { RequestTable } from './request-table.js';

/**
 * `POST /api/paysearch` (결제내역조회), as cookiepay-protocol.md §2 has it from the manual and the WordPress plugin
 * (`ck_pay_list.php`): header `TOKEN`; API_ID, STD_DT and END_DT (`YYYY-MM-DD`), an optional TID that overrides the
 * dates. No lengths are given: none is checked.
 */
export const paySearchTable = {
  endpoint: '/api/paysearch',
  source: 'cookiepay-manual: 결제내역조회 (/api/paysearch); cookiepay WordPress plugin ck_pay_list.php',
  headers: [{ name: 'TOKEN', label: 'TOKEN API통해 발행된 TOKEN 값', required: true }],
  fields: [
    { name: 'API_ID', label: '쿠키페이 결제 연동 ID', required: true, maxLength: null },
    { name: 'STD_DT', label: '조회 시작일 (YYYY-MM-DD)', required: true, maxLength: null },
    { name: 'END_DT', label: '조회 종료일 (YYYY-MM-DD)', required: true, maxLength: null },
    { name: 'TID', label: 'PG 거래 고유번호 (입력 시 기간 무시)', required: false, maxLength: null },
  ],
} as const satisfies RequestTable;
