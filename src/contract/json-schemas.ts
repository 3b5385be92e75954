import { z } from 'zod';
import { cancelFieldsSchema } from '../cookiepay/schemas/cancel.js';
import { deliveryFieldsSchema } from '../cookiepay/schemas/delivery.js';
import { statusFieldsSchema, urlPayJobFieldsSchema } from './job-schemas.js';
import { queueNames } from './names.js';
import { resultSchema } from './result-schema.js';

const describe = (schema: z.ZodType, io: 'input' | 'output', title: string, description: string) => ({
  $id: `https://cookiepay-worker.local/schemas/${title}.json`,
  title,
  description,
  ...z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }),
});

/**
 * The contract as JSON Schema, for services in other languages. Written to `schemas/` by `npm run schemas`;
 * a test fails when the files there are stale. Rules JSON Schema cannot say (no "&" in PRODUCTNAME, BUYEREMAIL
 * required with REQ_TYPE EMAIL, a real calendar date, no credentials in job data) are checked by the worker.
 */
export const contractJsonSchemas = (): Record<string, object> => ({
  'urlpay-job.json': describe(
    urlPayJobFieldsSchema,
    'input',
    'urlpay-job',
    `Data of a job on ${queueNames.urlpay}: the fields of CookiePay /urlpay/request without API_ID, and track (follow the link to its end).`,
  ),
  'delivery-job.json': describe(
    deliveryFieldsSchema,
    'input',
    'delivery-job',
    `Data of a job on ${queueNames.delivery}: the fields of CookiePay /escro/delivery_add without API_ID.`,
  ),
  'status-job.json': describe(
    statusFieldsSchema,
    'input',
    'status-job',
    `Data of a job on ${queueNames.status}: URLKEY (checked with /api/urlcert) or TID (checked with /api/paycert).`,
  ),
  'cancel-job.json': describe(
    cancelFieldsSchema,
    'input',
    'cancel-job',
    `Data of a job on ${queueNames.cancel}: the fields of CookiePay /api/cancel (tid, reason, amount for a partial cancel, bank/account_no/account_name for a virtual-account refund).`,
  ),
  'result.json': describe(
    resultSchema,
    'output',
    'result',
    `Data of a job on ${queueNames.results}; the job's name is its kind.`,
  ),
});
