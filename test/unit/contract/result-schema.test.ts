import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ResultKind, resultKinds } from '../../../src/contract/names.js';
import { workerResultCodes } from '../../../src/contract/result-codes.js';
import { type JobResult, resultSchema } from '../../../src/contract/result-schema.js';

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

const common = {
  sourceQueue: 'cookiepay-x',
  sourceJobId: 'job-1',
  ok: false,
  code: 'WORKER_ERROR',
  message: 'm',
  response: null,
  attempts: 1,
  finishedAt: '2025-01-15T00:00:00.000Z',
};

const batch = { id: 'b-1', total: 1, succeeded: 1, failed: 0, rejected: 0, failures: [] };

/** Each kind with every field of its own, as the worker publishes them. */
const ownFields: Record<ResultKind, Record<string, unknown>> = {
  urlpay: { billNo: 'W0123456789ABCDEFGHI' },
  delivery: {},
  status: { paymentStatus: 'paid' },
  cancel: { cancelled: { TID: 'T1', amount: 1000, full: false, remaining: 2000 } },
  notification: { paymentStatus: 'cancelled', verified: true },
  batch: { batch },
  payment: {
    TID: 'T1',
    URLKEY: 'U1',
    from: 'unpaid',
    to: 'paid',
    amount: 1000,
    source: 'reconcile',
    seenBy: { queue: 'cookiepay-reconcile', jobId: 'repeat-1' },
    observedAt: '2025-01-15T00:00:00.000Z',
  },
  reconcile: { from: '2025-01-13', to: '2025-01-15', records: 3, changes: 1 },
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
    const { billNo: _notOfStatus, ...expected } = failed;
    expect(resultSchema.parse(failed)).toEqual(expected);
  });

  it('has one schema per result kind, and no other', () => {
    expect(resultSchema.options.map((option) => option.shape.kind.value)).toEqual([...resultKinds]);
    expectTypeOf<JobResult['kind']>().toEqualTypeOf<ResultKind>();
  });

  /** Kinds whose own fields are required: a result of theirs without them is not parsed. */
  const withRequiredFields: readonly ResultKind[] = ['batch', 'payment', 'reconcile'];

  it.each(resultKinds)(
    'parses a %s result with its own fields, and with none but batch, payment, reconcile',
    (kind) => {
      const full = { kind, ...common, ...ownFields[kind] };
      expect(resultSchema.parse(full)).toEqual(full);
      if (!withRequiredFields.includes(kind))
        expect(resultSchema.parse({ kind, ...common })).toEqual({ kind, ...common });
    },
  );

  it.each(resultKinds)('drops the fields of other kinds from a %s result', (kind) => {
    const others = Object.assign(
      {},
      ...resultKinds.filter((other) => other !== kind).map((other) => ownFields[other]),
    );
    const mixed = { ...others, kind, ...common, ...ownFields[kind] };
    expect(resultSchema.parse(mixed)).toEqual({ kind, ...common, ...ownFields[kind] });
  });

  it('rejects a batch result without its summary', () => {
    const result = resultSchema.safeParse({ kind: 'batch', ...common, code: 'BATCH_DONE' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['batch']);
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
    ['an unknown paymentStatus', { kind: 'status', paymentStatus: 'pending' }, 'paymentStatus'],
    [
      'an unknown paymentStatus of a notification',
      { kind: 'notification', paymentStatus: 'x' },
      'paymentStatus',
    ],
    ['verified as a string', { kind: 'notification', verified: 'yes' }, 'verified'],
    ['issues of the wrong shape', { issues: [{ field: 'A' }] }, 'issues.0.reason'],
    ['ok as a string', { ok: 'true' }, 'ok'],
    ['a code that is not a string', { code: 0 }, 'code'],
  ])('rejects %s', (_label, change, path) => {
    const result = resultSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
  });

  it("accepts every worker code and any code of CookiePay's, as it is", () => {
    for (const code of [...workerResultCodes, '0000', 'EA01', 'E006', 'SOMETHING_NEW', ''])
      expect(resultSchema.parse({ ...valid, code }).code).toBe(code);
  });
});
