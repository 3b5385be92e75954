import type { SimulatedEndpoint } from '../endpoints.js';
import { cancelTable } from './cancel-table.js';
import { deliveryTable } from './delivery-table.js';
import { payCertTable } from './pay-cert-table.js';
import { paySearchTable } from './pay-search-table.js';
import type { RequestTable } from './request-table.js';
import { tokenTable } from './token-table.js';
import { urlCertTable } from './url-cert-table.js';
import { urlPayTable } from './url-pay-table.js';

/** The request table of every simulated endpoint. */
export const requestTables = {
  '/payAuth/token': tokenTable,
  '/urlpay/request': urlPayTable,
  '/api/urlcert': urlCertTable,
  '/api/paycert': payCertTable,
  '/escro/delivery_add': deliveryTable,
  '/api/paysearch': paySearchTable,
  '/api/cancel': cancelTable,
} as const satisfies Record<SimulatedEndpoint, RequestTable>;
