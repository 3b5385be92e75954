import { describe, expect, it } from 'vitest';
import { parseJobData } from '../../../src/contract/parse-job-data.js';
import { problemsOf } from './payload-problems.js';

describe("parseJobData('status')", () => {
  it('accepts a URLKEY alone', () => {
    expect(parseJobData('status', { URLKEY: ' abc123 ' })).toEqual({ URLKEY: 'abc123' });
  });

  it('accepts a TID alone', () => {
    expect(parseJobData('status', { TID: 'T2025' })).toEqual({ TID: 'T2025' });
  });

  it('strips unknown fields', () => {
    expect(parseJobData('status', { TID: 'T2025', orderId: 'o-1' })).toEqual({ TID: 'T2025' });
  });

  it('requires one of URLKEY and TID', () => {
    expect(problemsOf('status', {})).toEqual([{ field: 'URLKEY', reason: 'is required (or TID)' }]);
  });

  it('refuses URLKEY and TID together', () => {
    expect(problemsOf('status', { URLKEY: 'abc', TID: 'T2025' })).toEqual([
      { field: 'TID', reason: 'must not be given together with URLKEY' },
    ]);
  });

  it('refuses empty and over-long values', () => {
    expect(problemsOf('status', { URLKEY: '  ' })).toContainEqual({
      field: 'URLKEY',
      reason: 'must not be empty',
    });
    expect(problemsOf('status', { URLKEY: 'k'.repeat(51) })).toEqual([
      { field: 'URLKEY', reason: 'must be at most 50 characters' },
    ]);
    expect(problemsOf('status', { TID: 't'.repeat(101) })).toEqual([
      { field: 'TID', reason: 'must be at most 100 characters' },
    ]);
  });

  it('refuses a value that is not a string', () => {
    expect(problemsOf('status', { TID: 12345 })).toEqual([{ field: 'TID', reason: 'must be a string' }]);
  });
});
