import { describe, expect, it } from 'vitest';
import type { BatchStatus } from '../../../src/batches/batch-types.js';
import { resultSchema } from '../../../src/contract/result-schema.js';
import { formatBatchStatus, formatUploadReport } from '../../../src/intake/shipments/format-report.js';
import { batchResultId, batchSummary } from '../../../src/worker/batch-summary.js';

const status: BatchStatus = {
  batchId: 'b-abc-123',
  createdAt: '2025-01-15T00:00:00.000Z',
  total: 3,
  waiting: 0,
  succeeded: 2,
  failed: [{ line: 3, jobId: 'delivery-x', code: 'E006', reason: '존재하지 않는 거래(TID) 입니다' }],
  rejected: 1,
  done: true,
  status: 'open',
  rows: 4,
  alreadyEnqueued: 0,
  unknown: 0,
  rejectedRows: [{ line: 5, issues: [{ field: 'AMOUNT', reason: 'must be above 0' }] }],
};

describe('batchSummary', () => {
  it('is a valid batch result, ok only without failures and rejected rows', () => {
    const summary = batchSummary(status, new Date('2025-01-16T00:00:00Z'));
    expect(resultSchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      kind: 'batch',
      ok: false,
      code: 'BATCH_FAILURES',
      sourceJobId: 'b-abc-123',
      batch: { total: 3, succeeded: 2, failed: 1, rejected: 1 },
    });
    const clean = batchSummary({ ...status, failed: [], rejected: 0, succeeded: 3 }, new Date());
    expect(clean).toMatchObject({ ok: true, code: 'BATCH_DONE', message: '3 of 3 shipments registered' });
    expect(batchResultId('b-abc-123')).toBe('batch-b-abc-123');
  });
});

describe('CLI formatting', () => {
  it('prints the report with every rejected row and how to follow the batch', () => {
    const lines = formatUploadReport({
      batchId: 'b-abc-123',
      dryRun: false,
      rows: 4,
      accepted: 3,
      alreadyEnqueued: 1,
      rejected: status.rejectedRows,
      rejectedCount: 1,
      rejectedByReason: [{ field: 'AMOUNT', reason: 'must be above 0', count: 1 }],
      encoding: 'cp949',
    });
    expect(lines).toEqual([
      '4 rows (cp949): 3 accepted, 1 already enqueued, 1 rejected',
      'rejected rows:',
      '  line 5: AMOUNT must be above 0',
      'batch b-abc-123: follow it with `cookiepay-worker batch b-abc-123`',
    ]);
  });

  it('prints the first rejected rows, the counts by field and reason, and where to get them all', () => {
    const lines = formatUploadReport({
      batchId: 'b-abc-123',
      dryRun: false,
      rows: 5000,
      accepted: 0,
      alreadyEnqueued: 0,
      rejected: [{ line: 2, issues: [{ field: 'AMOUNT', reason: 'must be above 0' }] }],
      rejectedCount: 5000,
      rejectedByReason: [{ field: 'AMOUNT', reason: 'must be above 0', count: 5000 }],
      encoding: 'utf-8',
    });
    expect(lines).toEqual([
      '5000 rows (utf-8): 0 accepted, 0 already enqueued, 5000 rejected',
      'rejected rows by field and reason:',
      '  AMOUNT must be above 0: 5000',
      'rejected rows (first 1):',
      '  line 2: AMOUNT must be above 0',
      'every rejected row: `cookiepay-worker rejected b-abc-123 > rejected.csv`',
      'batch b-abc-123: follow it with `cookiepay-worker batch b-abc-123`',
    ]);
  });

  it('prints a batch with its failures by line', () => {
    const lines = formatBatchStatus(status);
    expect(lines).toContain('  line 3: E006 존재하지 않는 거래(TID) 입니다 (job delivery-x)');
    expect(lines[1]).toBe('  3 jobs: 0 waiting, 2 succeeded, 1 failed; 1 rows rejected');
  });
});
