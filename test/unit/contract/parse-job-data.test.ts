import { describe, expect, it } from 'vitest';
import { InvalidPayloadError } from '../../../src/contract/invalid-payload-error.js';
import { jobKinds } from '../../../src/contract/names.js';
import { parseJobData } from '../../../src/contract/parse-job-data.js';
import { cancelJob, deliveryJob, urlPayJob } from '../../fixtures/jobs.js';
import { invalidPayloadOf, problemsOf } from './payload-problems.js';

const validByKind = {
  urlpay: urlPayJob(),
  delivery: deliveryJob(),
  status: { URLKEY: 'abc' },
  cancel: cancelJob({ amount: 1000 }),
};

const credentialKeys = [
  'API_ID',
  'ApiKey',
  'APIKEY',
  'TOKEN',
  'pay2_id',
  'pay2_key',
  // Any casing, and secret-like names (issue 12): these were accepted into job data and kept in Redis.
  'apikey',
  'token',
  'api_id',
  'Pay2_Key',
  'access_token',
  'x-api-key',
  'password',
  'secret',
];

describe('parseJobData, every kind', () => {
  describe.each(jobKinds)('%s', (kind) => {
    it('parses its valid example', () => {
      expect(() => parseJobData(kind, validByKind[kind])).not.toThrow();
    });

    it.each([
      ['null', null],
      ['undefined', undefined],
      ['an array', [validByKind[kind]]],
      ['a string', JSON.stringify(validByKind[kind])],
      ['a number', 42],
    ])('refuses %s as the payload', (_label, payload) => {
      expect(problemsOf(kind, payload)).toEqual([{ field: '(data)', reason: 'must be a JSON object' }]);
    });

    it.each(credentialKeys)('refuses a credential in the data: %s', (key) => {
      const error = invalidPayloadOf(kind, { ...validByKind[kind], [key]: 'leaked-secret-value' });
      expect(error.issues).toEqual([
        { field: key, reason: 'must not be in job data: the worker adds credentials' },
      ]);
      expect(error.message).not.toContain('leaked-secret-value');
    });

    it('names every credential present', () => {
      const problems = problemsOf(kind, { ...validByKind[kind], ApiKey: 'x', TOKEN: 'y', pay2_key: 'z' });
      expect(problems.map((problem) => problem.field).sort()).toEqual(['ApiKey', 'TOKEN', 'pay2_key']);
    });

    it('strips unknown extra fields', () => {
      const parsed = parseJobData(kind, { ...validByKind[kind], extra: 'x', callbackUrl: 'https://x' });
      expect(parsed).not.toHaveProperty('extra');
      expect(parsed).not.toHaveProperty('callbackUrl');
    });
  });
});

describe('InvalidPayloadError', () => {
  it('carries the kind, its code and a message naming each field and reason', () => {
    const error = invalidPayloadOf('urlpay', { ...validByKind.urlpay, AMOUNT: 0, BUYERHP: '1' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidPayloadError');
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.kind).toBe('urlpay');
    expect(error.message).toBe(
      'Invalid urlpay job data: AMOUNT must be above 0; BUYERHP must be 9 to 11 digits',
    );
  });

  it('can be built directly', () => {
    const error = new InvalidPayloadError('status', [{ field: 'URLKEY', reason: 'is required (or TID)' }]);
    expect(error.message).toBe('Invalid status job data: URLKEY is required (or TID)');
    expect(error.issues).toEqual([{ field: 'URLKEY', reason: 'is required (or TID)' }]);
  });

  it('does not echo field values', () => {
    const error = invalidPayloadOf('urlpay', {
      ...validByKind.urlpay,
      BUYERNAME: 'VerySecretBuyerName_XYZ!',
    });
    expect(error.message).not.toContain('VerySecretBuyerName_XYZ!');
  });
});
