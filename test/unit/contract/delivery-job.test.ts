import { describe, expect, it } from 'vitest';
import { parseJobData } from '../../../src/contract/parse-job-data.js';
import { deliveryJob } from '../../fixtures/jobs.js';
import { fieldsOf, problemsOf } from './payload-problems.js';

const valid = deliveryJob({ TID: 'T2025_0001-A' });

describe("parseJobData('delivery')", () => {
  it('parses a valid job', () => {
    expect(parseJobData('delivery', { ...valid, AMOUNT: 39000 })).toEqual(valid);
  });

  it('keeps an optional PRODUCTCODE and strips unknown fields', () => {
    const parsed = parseJobData('delivery', { ...valid, PRODUCTCODE: 'P-100', note: 'x' });
    expect(parsed.PRODUCTCODE).toBe('P-100');
    expect(parsed).not.toHaveProperty('note');
    expect(parseJobData('delivery', valid).PRODUCTCODE).toBeUndefined();
  });

  it.each(['20240229', '20251231', '20250101'])('accepts the real date %s', (date) => {
    expect(parseJobData('delivery', { ...valid, RECEIVERDATE: date }).RECEIVERDATE).toBe(date);
  });

  it.each([
    ['20250230', 'is not a real calendar date'],
    ['20250229', 'is not a real calendar date'],
    ['20251301', 'is not a real calendar date'],
    ['20250100', 'is not a real calendar date'],
  ])('refuses RECEIVERDATE %s: %s', (date, reason) => {
    expect(problemsOf('delivery', { ...valid, RECEIVERDATE: date })).toEqual([
      { field: 'RECEIVERDATE', reason },
    ]);
  });

  it.each(['2025-01-01', '250101', '2025011', '202501151'])(
    'refuses RECEIVERDATE %s as not YYYYMMDD',
    (date) => {
      const problems = problemsOf('delivery', { ...valid, RECEIVERDATE: date });
      expect(problems).toContainEqual({ field: 'RECEIVERDATE', reason: 'must be a date written YYYYMMDD' });
      expect(problems.every((problem) => problem.field === 'RECEIVERDATE')).toBe(true);
    },
  );

  it.each([
    ['RECEIVERNAME', 50],
    ['RECEIVERELATION', 50],
    ['PARCELNAME', 30],
    ['WAYBILLNO', 50],
    ['DELIVERYADDR', 100],
    ['TID', 20],
  ])('%s accepts %i characters and refuses one more', (field, max) => {
    expect(parseJobData('delivery', { ...valid, [field]: 'A'.repeat(max) })).toHaveProperty(
      field,
      'A'.repeat(max),
    );
    expect(problemsOf('delivery', { ...valid, [field]: 'A'.repeat(max + 1) })).toEqual([
      { field, reason: `must be at most ${max} characters` },
    ]);
  });

  it('refuses a PRODUCTCODE over 10 characters', () => {
    expect(problemsOf('delivery', { ...valid, PRODUCTCODE: 'P'.repeat(11) })).toEqual([
      { field: 'PRODUCTCODE', reason: 'must be at most 10 characters' },
    ]);
  });

  it('refuses a TID with other characters', () => {
    expect(problemsOf('delivery', { ...valid, TID: 'T 1/2' })).toEqual([
      { field: 'TID', reason: 'must contain letters, digits, "-" or "_" only' },
    ]);
  });

  it('refuses a bad AMOUNT', () => {
    expect(problemsOf('delivery', { ...valid, AMOUNT: 0 })).toEqual([
      { field: 'AMOUNT', reason: 'must be above 0' },
    ]);
  });

  it('lists every missing required field', () => {
    const problems = problemsOf('delivery', {});
    expect(fieldsOf(problems)).toEqual([
      'AMOUNT',
      'DELIVERYADDR',
      'PARCELNAME',
      'RECEIVERDATE',
      'RECEIVERELATION',
      'RECEIVERNAME',
      'TID',
      'WAYBILLNO',
    ]);
    for (const problem of problems.filter((p) => p.field !== 'AMOUNT'))
      expect(problem.reason).toBe('is required');
  });

  it('lists every bad field of one payload (RECEIVERDATE may be named twice)', () => {
    const problems = problemsOf('delivery', {
      ...valid,
      AMOUNT: 'abc',
      RECEIVERDATE: '2025-02-30',
      PARCELNAME: 'P'.repeat(31),
      WAYBILLNO: '',
    });
    expect(fieldsOf(problems)).toEqual(['AMOUNT', 'PARCELNAME', 'RECEIVERDATE', 'WAYBILLNO']);
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'AMOUNT', reason: 'must contain digits only (no sign, comma or decimal point)' },
        { field: 'RECEIVERDATE', reason: 'must be a date written YYYYMMDD' },
        { field: 'PARCELNAME', reason: 'must be at most 30 characters' },
        { field: 'WAYBILLNO', reason: 'is required' },
      ]),
    );
  });
});
