import type { RequestTable } from './request-table.js';

/**
 * `POST /api/urlcert`, from its request table (url-payment-notification-urlcert.txt). Header: `TOKEN` only (the curl
 * and PHP samples send `TOKEN: …` and no ApiKey).
 */
export const urlCertTable = {
  endpoint: '/api/urlcert',
  source: 'cookiepay-manual: URL결제 결제확인 (/api/urlcert)',
  headers: [
    // The samples: -H "TOKEN: TOKEN API통해 발행된 TOKEN 값"
    { name: 'TOKEN', label: 'TOKEN API통해 발행된 TOKEN 값', required: true },
  ],
  fields: [
    // URLKEY 50 생성된 결제창 URL KEY 필수 — URL결제창 생성 키
    { name: 'URLKEY', label: '생성된 결제창 URL KEY', required: true, maxLength: 50 },
  ],
} as const satisfies RequestTable;
