import { describe, expect, it } from 'vitest';
import { contractJsonSchemas } from '../../../src/contract/json-schemas.js';
import {
  approvalNotificationSchema,
  cancelNotificationSchema,
} from '../../../src/cookiepay/schemas/notification.js';
import { paymentCertResponseSchema } from '../../../src/cookiepay/schemas/payment-cert.js';
import { urlPayResponseSchema } from '../../../src/cookiepay/schemas/url-pay.js';
import { credentialNames, isCredentialName, isSecretName } from '../../../src/shared/secrets.js';

/** Every property name at any depth of a JSON Schema. */
const propertyNames = (schema: unknown): string[] => {
  if (schema === null || typeof schema !== 'object') return [];
  const own = Object.entries(schema as Record<string, unknown>).flatMap(([key, value]) =>
    key === 'properties' && value !== null && typeof value === 'object'
      ? [...Object.keys(value), ...Object.values(value).flatMap(propertyNames)]
      : propertyNames(value),
  );
  return [...new Set(own)];
};

const contractFields = [
  ...new Set([
    ...Object.values(contractJsonSchemas()).flatMap(propertyNames),
    ...Object.keys(approvalNotificationSchema.shape),
    ...Object.keys(cancelNotificationSchema.shape),
    ...Object.keys(paymentCertResponseSchema.shape),
    ...Object.keys(urlPayResponseSchema.shape),
  ]),
].sort();

describe('the secret-name patterns and the contract', () => {
  it('see the fields of the manual (URLKEY, PRODUCTCODE…)', () => {
    expect(contractFields).toEqual(expect.arrayContaining(['URLKEY', 'PRODUCTCODE', 'WAYBILLNO', 'TID']));
  });

  it.each(contractFields)('%s is not secret', (field) => {
    expect(isSecretName(field)).toBe(false);
  });

  it.each(contractFields.filter((field) => !(credentialNames as readonly string[]).includes(field)))(
    '%s is not refused in job data',
    (field) => {
      expect(isCredentialName(field)).toBe(false);
    },
  );
});
