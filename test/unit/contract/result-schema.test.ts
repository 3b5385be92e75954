import { describe, expect, it } from 'vitest';
import { resultSchema } from '../../../src/contract/result-schema.js';

const valid = {
  kind: 'urlpay',
  sourceQueue: 'cookiepay-urlpay',
  sourceJobId: 'order-1',
  ok: true,
  code: '0000',
  message: 'OK',
  response: { RESULTCODE: '0000', PAYURL: 'https://pay.example/x' },
  attempts: 1,
  finishedAt: '2025-01-15T00:00:00.000Z',
  billNo: 'W0123456789ABCDEFGHI',
};

const required = [
  'kind',
  'sourceQueue',
  'sourceJobId',
  'ok',
  'code',
  'message',
  'response',
  'attempts',
  'finishedAt',
] as const;

describe('resultSchema', () => {
  it('parses a valid result', () => {
    expect(resultSchema.parse(valid)).toEqual(valid);
  });

  it('parses a failed status result with issues, paymentStatus and a null response', () => {
    const failed = {
      ...valid,
      kind: 'status',
      ok: false,
      code: 'INVALID_PAYLOAD',
      response: null,
      attempts: 0,
      issues: [{ field: 'URLKEY', reason: 'is required (or TID)' }],
      paymentStatus: 'unpaid',
    };
    expect(resultSchema.parse(failed)).toEqual(failed);
  });

  it.each(required)('rejects a result without %s', (field) => {
    const { [field]: _dropped, ...rest } = valid;
    const result = resultSchema.safeParse(rest);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
  });

  it.each([
    ['an unknown kind', { kind: 'refund' }, 'kind'],
    ['negative attempts', { attempts: -1 }, 'attempts'],
    ['fractional attempts', { attempts: 1.5 }, 'attempts'],
    ['an unknown paymentStatus', { paymentStatus: 'pending' }, 'paymentStatus'],
    ['issues of the wrong shape', { issues: [{ field: 'A' }] }, 'issues.0.reason'],
    ['ok as a string', { ok: 'true' }, 'ok'],
  ])('rejects %s', (_label, change, path) => {
    const result = resultSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
  });
});
