import { describe, expect, it } from 'vitest';
import { parseJobData } from '../../../src/contract/parse-job-data.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { fieldsOf, problemsOf } from './payload-problems.js';

const valid = urlPayJob();

describe("parseJobData('urlpay')", () => {
  it('parses a minimal job, normalising AMOUNT to digits and stripping dashes from BUYERHP', () => {
    expect(parseJobData('urlpay', valid)).toEqual({
      PRODUCTNAME: '유기농 사과 5kg',
      AMOUNT: '39000',
      BUYERNAME: '홍길동',
      BUYERHP: '01012345678',
    });
  });

  it('parses every optional field', () => {
    const parsed = parseJobData('urlpay', {
      ...valid,
      AMOUNT: '0015000',
      BUYEREMAIL: 'buyer@example.com',
      REQ_TYPE: 'EMAIL',
      TAXYN: 'N',
      BILL_NO: 'ORDER-20250101-0001',
      MEMO: 'gift wrap',
      ETC1: 'a',
      ETC2: 'b',
    });
    expect(parsed).toEqual({
      PRODUCTNAME: '유기농 사과 5kg',
      AMOUNT: '15000',
      BUYERNAME: '홍길동',
      BUYERHP: '01012345678',
      BUYEREMAIL: 'buyer@example.com',
      REQ_TYPE: 'EMAIL',
      TAXYN: 'N',
      BILL_NO: 'ORDER-20250101-0001',
      MEMO: 'gift wrap',
      ETC1: 'a',
      ETC2: 'b',
    });
  });

  it('drops empty optional fields', () => {
    const parsed = parseJobData('urlpay', { ...valid, REQ_TYPE: '', MEMO: '', BILL_NO: null });
    expect(parsed).not.toHaveProperty('REQ_TYPE', expect.anything());
    expect(parsed.MEMO).toBeUndefined();
    expect(parsed.BILL_NO).toBeUndefined();
  });

  it('strips unknown fields', () => {
    const parsed = parseJobData('urlpay', { ...valid, orderId: 'o-1', nested: { a: 1 } });
    expect(parsed).not.toHaveProperty('orderId');
    expect(parsed).not.toHaveProperty('nested');
  });

  describe('PRODUCTNAME', () => {
    it('accepts 40 characters and refuses 41', () => {
      expect(parseJobData('urlpay', { ...valid, PRODUCTNAME: '가'.repeat(40) }).PRODUCTNAME).toHaveLength(40);
      expect(problemsOf('urlpay', { ...valid, PRODUCTNAME: '가'.repeat(41) })).toEqual([
        { field: 'PRODUCTNAME', reason: 'must be at most 40 characters' },
      ]);
    });

    it('refuses "&"', () => {
      expect(problemsOf('urlpay', { ...valid, PRODUCTNAME: 'salt & pepper' })).toEqual([
        { field: 'PRODUCTNAME', reason: 'must not contain "&"' },
      ]);
    });

    it('refuses a blank name', () => {
      expect(problemsOf('urlpay', { ...valid, PRODUCTNAME: '   ' })).toEqual([
        { field: 'PRODUCTNAME', reason: 'is required' },
      ]);
    });
  });

  describe('AMOUNT', () => {
    it.each([
      [1, '1'],
      ['1', '1'],
      [9_999_999_999, '9999999999'],
      ['9999999999', '9999999999'],
      [' 500 ', '500'],
      ['000500', '500'],
    ])('accepts %j as %j', (amount, expected) => {
      expect(parseJobData('urlpay', { ...valid, AMOUNT: amount }).AMOUNT).toBe(expected);
    });

    it.each([
      [0, 'must be above 0'],
      ['0', 'must be above 0'],
      ['0000', 'must be above 0'],
      [-1, 'must contain digits only (no sign, comma or decimal point)'],
      [1.5, 'must contain digits only (no sign, comma or decimal point)'],
      ['1,000', 'must contain digits only (no sign, comma or decimal point)'],
      ['1e3', 'must contain digits only (no sign, comma or decimal point)'],
      ['', 'must contain digits only (no sign, comma or decimal point)'],
      [Number.NaN, 'must be an integer or a string of digits'],
      [12_345_678_901, 'must be at most 10 digits'],
      ['12345678901', 'must be at most 10 digits'],
      [true, 'must be an integer or a string of digits'],
    ])('refuses %j: %s', (amount, reason) => {
      expect(problemsOf('urlpay', { ...valid, AMOUNT: amount })).toEqual([{ field: 'AMOUNT', reason }]);
    });
  });

  describe('BUYERNAME', () => {
    it('accepts 20 characters and refuses 21', () => {
      expect(parseJobData('urlpay', { ...valid, BUYERNAME: 'n'.repeat(20) }).BUYERNAME).toBe('n'.repeat(20));
      expect(problemsOf('urlpay', { ...valid, BUYERNAME: 'n'.repeat(21) })).toEqual([
        { field: 'BUYERNAME', reason: 'must be at most 20 characters' },
      ]);
    });
  });

  describe('BUYERHP', () => {
    it.each(['123456789', '010-123-456', '0101234567', '01012345678', '010-1234-5678'])(
      'accepts %j',
      (phone) => {
        expect(parseJobData('urlpay', { ...valid, BUYERHP: phone }).BUYERHP).toBe(phone.replace(/-/g, ''));
      },
    );

    it.each([
      ['12345678', 'must be 9 to 11 digits'],
      ['010-123-45', 'must be 9 to 11 digits'],
      ['010123456789', 'must be at most 11 digits'],
      ['010-1234-abcd', 'must contain digits only'],
    ])('refuses %j: %s', (phone, reason) => {
      expect(problemsOf('urlpay', { ...valid, BUYERHP: phone })).toEqual([{ field: 'BUYERHP', reason }]);
    });

    it('refuses a "+" country prefix', () => {
      const problems = problemsOf('urlpay', { ...valid, BUYERHP: '+821012345678' });
      expect(problems).toContainEqual({ field: 'BUYERHP', reason: 'must contain digits only' });
      expect(problems.every((problem) => problem.field === 'BUYERHP')).toBe(true);
    });
  });

  describe('REQ_TYPE and BUYEREMAIL', () => {
    it.each(['SMS', 'KAKAO'])('accepts %s without an e-mail', (type) => {
      expect(parseJobData('urlpay', { ...valid, REQ_TYPE: type }).REQ_TYPE).toBe(type);
    });

    it('accepts an empty REQ_TYPE as not given', () => {
      expect(parseJobData('urlpay', { ...valid, REQ_TYPE: '' }).REQ_TYPE).toBeUndefined();
    });

    it('refuses another REQ_TYPE', () => {
      expect(problemsOf('urlpay', { ...valid, REQ_TYPE: 'FAX' })).toEqual([
        { field: 'REQ_TYPE', reason: 'must be one of SMS, EMAIL, KAKAO or empty' },
      ]);
    });

    it('requires BUYEREMAIL with REQ_TYPE EMAIL', () => {
      expect(problemsOf('urlpay', { ...valid, REQ_TYPE: 'EMAIL' })).toEqual([
        { field: 'BUYEREMAIL', reason: 'is required when REQ_TYPE is EMAIL' },
      ]);
      expect(problemsOf('urlpay', { ...valid, REQ_TYPE: 'EMAIL', BUYEREMAIL: '  ' })).toEqual([
        { field: 'BUYEREMAIL', reason: 'is required when REQ_TYPE is EMAIL' },
      ]);
      expect(parseJobData('urlpay', { ...valid, REQ_TYPE: 'EMAIL', BUYEREMAIL: 'a@b.kr' }).BUYEREMAIL).toBe(
        'a@b.kr',
      );
    });

    it('refuses a malformed e-mail', () => {
      expect(problemsOf('urlpay', { ...valid, BUYEREMAIL: 'not-an-email' })).toEqual([
        { field: 'BUYEREMAIL', reason: 'must be an e-mail address' },
      ]);
    });
  });

  describe('BILL_NO, MEMO, ETC1, ETC2, TAXYN', () => {
    it('accept values at their limits', () => {
      const parsed = parseJobData('urlpay', {
        ...valid,
        BILL_NO: 'B'.repeat(20),
        MEMO: 'm'.repeat(100),
        ETC1: 'e'.repeat(100),
        ETC2: 'f'.repeat(100),
        TAXYN: 'Y',
      });
      expect(parsed.BILL_NO).toHaveLength(20);
      expect(parsed.MEMO).toHaveLength(100);
      expect(parsed.TAXYN).toBe('Y');
    });

    it('refuse values over their limits and a TAXYN other than Y or N', () => {
      const problems = problemsOf('urlpay', {
        ...valid,
        BILL_NO: 'B'.repeat(21),
        MEMO: 'm'.repeat(101),
        ETC1: 'e'.repeat(101),
        ETC2: 'f'.repeat(101),
        TAXYN: 'y',
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          { field: 'BILL_NO', reason: 'must be at most 20 characters' },
          { field: 'MEMO', reason: 'must be at most 100 characters' },
          { field: 'ETC1', reason: 'must be at most 100 characters' },
          { field: 'ETC2', reason: 'must be at most 100 characters' },
          { field: 'TAXYN', reason: 'must be Y or N' },
        ]),
      );
      expect(problems).toHaveLength(5);
    });
  });

  it('lists every required field that is missing', () => {
    expect(problemsOf('urlpay', {})).toEqual([
      { field: 'PRODUCTNAME', reason: 'is required' },
      // AMOUNT is a union (number or string): zod reports the union, not a missing value.
      { field: 'AMOUNT', reason: 'must be an integer or a string of digits' },
      { field: 'BUYERNAME', reason: 'is required' },
      { field: 'BUYERHP', reason: 'is required' },
    ]);
  });

  it('tells a field of the wrong type from a missing one', () => {
    expect(problemsOf('urlpay', { ...valid, PRODUCTNAME: 123, BUYERHP: 1012345678 })).toEqual([
      { field: 'PRODUCTNAME', reason: 'must be a string' },
      { field: 'BUYERHP', reason: 'must be a string of digits' },
    ]);
  });

  it('lists every bad field of one payload, each with its reason', () => {
    const problems = problemsOf('urlpay', {
      PRODUCTNAME: 'a & b',
      AMOUNT: '-100',
      BUYERNAME: 'x'.repeat(21),
      BUYERHP: '12',
      REQ_TYPE: 'EMAIL',
      TAXYN: 'maybe',
    });
    expect(fieldsOf(problems)).toEqual([
      'AMOUNT',
      'BUYEREMAIL',
      'BUYERHP',
      'BUYERNAME',
      'PRODUCTNAME',
      'TAXYN',
    ]);
    for (const problem of problems) expect(problem.reason).not.toBe('');
  });
});
