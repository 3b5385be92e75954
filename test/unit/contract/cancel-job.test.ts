import { describe, expect, it } from 'vitest';
import { cancelJobId, jobIdProblem } from '../../../src/contract/job-ids.js';
import { parseJobData } from '../../../src/contract/parse-job-data.js';
import { cancelJob } from '../../fixtures/jobs.js';
import { problemsOf } from './payload-problems.js';

describe('cancel job data', () => {
  it('keeps the manual lower-case fields; amount absent is a full cancel, present a partial one', () => {
    expect(parseJobData('cancel', cancelJob({ tid: ' T1 ' }))).toEqual({
      tid: 'T1',
      reason: '구매자 요청 취소',
    });
    expect(parseJobData('cancel', cancelJob({ amount: 1000 })).amount).toBe('1000');
    expect(parseJobData('cancel', cancelJob({ amount: '01000' })).amount).toBe('1000');
  });

  it('names each field and its reason', () => {
    expect(problemsOf('cancel', { reason: '취소', amount: '1,000' })).toEqual([
      { field: 'tid', reason: 'is required' },
      { field: 'amount', reason: 'must contain digits only (no sign, comma or decimal point)' },
    ]);
    expect(problemsOf('cancel', cancelJob({ reason: ' ', amount: 0 }))).toEqual([
      { field: 'reason', reason: 'is required' },
      { field: 'amount', reason: 'must be above 0' },
    ]);
  });

  it('takes a refund account whole or not at all', () => {
    const account = { bank: '국민은행', account_no: '123-456-7890', account_name: '홍길동' };
    expect(parseJobData('cancel', cancelJob(account))).toMatchObject(account);
    expect(problemsOf('cancel', cancelJob({ bank: '국민은행' })).map((p) => p.field)).toEqual([
      'account_no',
      'account_name',
    ]);
    expect(problemsOf('cancel', cancelJob({ ...account, account_no: '12a' }))).toEqual([
      { field: 'account_no', reason: 'must contain digits or "-" only' },
    ]);
  });
});

describe('cancelJobId', () => {
  it('is one per tid and amount (none: the full cancel), a valid BullMQ id', () => {
    const full = cancelJobId('T1', undefined);
    expect(cancelJobId(' T1 ', undefined)).toBe(full);
    expect(cancelJobId('T1', '1000')).not.toBe(full);
    expect(cancelJobId('T1', '1000')).not.toBe(cancelJobId('T1', '2000'));
    expect(cancelJobId('T2', undefined)).not.toBe(full);
    expect(jobIdProblem(full)).toBeUndefined();
    expect(full).toMatch(/^cancel-[0-9a-f]{32}$/);
  });
});
