import { describe, expect, it } from 'vitest';
import {
  urlPayFieldsSchema,
  urlPayRequestSchema,
  urlPayResponseSchema,
} from '../../../src/cookiepay/schemas/url-pay.js';
import { urlPayJob } from '../../fixtures/jobs.js';

const valid = urlPayJob();

/** The fields named by the issues of an invalid input. */
const failingFields = (input: unknown) => {
  const result = urlPayFieldsSchema.safeParse(input);
  expect(result.success).toBe(false);
  return [...new Set(result.error?.issues.map((issue) => issue.path.join('.')))];
};

describe('urlPayFieldsSchema', () => {
  it('accepts a minimal request and normalises AMOUNT and BUYERHP', () => {
    expect(urlPayFieldsSchema.parse(valid)).toEqual({
      PRODUCTNAME: '유기농 사과 5kg',
      AMOUNT: '39000',
      BUYERNAME: '홍길동',
      BUYERHP: '01012345678',
    });
  });

  it('accepts AMOUNT as an integer or a string of digits above 0', () => {
    expect(urlPayFieldsSchema.parse({ ...valid, AMOUNT: '1000' }).AMOUNT).toBe('1000');
    expect(urlPayFieldsSchema.parse({ ...valid, AMOUNT: '001000' }).AMOUNT).toBe('1000');
    expect(urlPayFieldsSchema.parse({ ...valid, AMOUNT: 1 }).AMOUNT).toBe('1');
  });

  it.each([0, '0', -5, '-5', 10.5, '1,000', '1.5', 'abc', '', 12345678901, '12345678901', null])(
    'rejects AMOUNT %j naming the field',
    (AMOUNT) => {
      expect(failingFields({ ...valid, AMOUNT })).toEqual(['AMOUNT']);
    },
  );

  it('says why AMOUNT 0 is wrong', () => {
    const result = urlPayFieldsSchema.safeParse({ ...valid, AMOUNT: 0 });
    expect(result.error?.issues[0]?.message).toBe('must be above 0');
  });

  it('rejects a PRODUCTNAME with "&", blank, or longer than 40 characters', () => {
    expect(failingFields({ ...valid, PRODUCTNAME: '사과 & 배' })).toEqual(['PRODUCTNAME']);
    expect(failingFields({ ...valid, PRODUCTNAME: '   ' })).toEqual(['PRODUCTNAME']);
    expect(failingFields({ ...valid, PRODUCTNAME: '가'.repeat(41) })).toEqual(['PRODUCTNAME']);
    expect(urlPayFieldsSchema.safeParse({ ...valid, PRODUCTNAME: '가'.repeat(40) }).success).toBe(true);
  });

  it('rejects a BUYERNAME longer than 20 characters', () => {
    expect(failingFields({ ...valid, BUYERNAME: 'a'.repeat(21) })).toEqual(['BUYERNAME']);
  });

  it.each(['010-1234-567a', '+821012345678', '0101234567890', '12345678', 1012345678])(
    'rejects BUYERHP %j',
    (BUYERHP) => {
      expect(failingFields({ ...valid, BUYERHP })).toEqual(['BUYERHP']);
    },
  );

  it('accepts REQ_TYPE SMS, EMAIL, KAKAO and empty, rejects anything else', () => {
    for (const REQ_TYPE of ['SMS', 'KAKAO', '', null, undefined]) {
      expect(urlPayFieldsSchema.safeParse({ ...valid, REQ_TYPE }).success).toBe(true);
    }
    expect(urlPayFieldsSchema.parse({ ...valid, REQ_TYPE: '' }).REQ_TYPE).toBeUndefined();
    expect(failingFields({ ...valid, REQ_TYPE: 'FAX' })).toEqual(['REQ_TYPE']);
    expect(failingFields({ ...valid, REQ_TYPE: 'sms' })).toEqual(['REQ_TYPE']);
  });

  it('requires BUYEREMAIL when REQ_TYPE is EMAIL, and a real address whenever given', () => {
    expect(failingFields({ ...valid, REQ_TYPE: 'EMAIL' })).toEqual(['BUYEREMAIL']);
    expect(failingFields({ ...valid, REQ_TYPE: 'EMAIL', BUYEREMAIL: '' })).toEqual(['BUYEREMAIL']);
    expect(failingFields({ ...valid, BUYEREMAIL: 'not-an-address' })).toEqual(['BUYEREMAIL']);
    expect(
      urlPayFieldsSchema.safeParse({ ...valid, REQ_TYPE: 'EMAIL', BUYEREMAIL: 'buyer@example.com' }).success,
    ).toBe(true);
  });

  it('reports every problem at once, including the EMAIL rule', () => {
    expect(failingFields({ ...valid, AMOUNT: 0, REQ_TYPE: 'EMAIL' }).sort()).toEqual([
      'AMOUNT',
      'BUYEREMAIL',
    ]);
  });

  it('checks TAXYN and the lengths of the optional fields, dropping empty ones', () => {
    expect(failingFields({ ...valid, TAXYN: 'X' })).toEqual(['TAXYN']);
    expect(failingFields({ ...valid, BILL_NO: 'b'.repeat(21) })).toEqual(['BILL_NO']);
    expect(failingFields({ ...valid, MEMO: 'm'.repeat(101) })).toEqual(['MEMO']);
    expect(failingFields({ ...valid, ETC1: 'e'.repeat(101) })).toEqual(['ETC1']);
    const parsed = urlPayFieldsSchema.parse({ ...valid, TAXYN: 'N', MEMO: '', ETC2: null });
    expect(parsed).toMatchObject({ TAXYN: 'N' });
    expect('MEMO' in parsed && parsed.MEMO !== undefined).toBe(false);
  });

  it('names every missing required field', () => {
    expect(failingFields({}).sort()).toEqual(['AMOUNT', 'BUYERHP', 'BUYERNAME', 'PRODUCTNAME']);
  });
});

describe('urlPayRequestSchema', () => {
  it('adds API_ID of at most 20 characters', () => {
    expect(urlPayRequestSchema.parse({ API_ID: 'cookie01', ...valid }).API_ID).toBe('cookie01');
    const result = urlPayRequestSchema.safeParse({ API_ID: 'x'.repeat(21), ...valid });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['API_ID']);
  });
});

describe('urlPayResponseSchema', () => {
  it('keeps numbers as strings, accepts nulls and keeps unknown fields', () => {
    const parsed = urlPayResponseSchema.parse({
      RESULTCODE: '0000',
      RESULTMSG: '성공',
      URLKEY: 'UK123',
      PAYURL: 'https://sandbox.cookiepayments.com/urlpay/UK123',
      BILL_NO: null,
      ETC1: 42,
      NEW_FIELD: 'kept',
    });
    expect(parsed).toMatchObject({ RESULTCODE: '0000', ETC1: '42', BILL_NO: null, NEW_FIELD: 'kept' });
  });

  it('rejects an answer without RESULTCODE', () => {
    expect(urlPayResponseSchema.safeParse({ RESULTMSG: '성공' }).success).toBe(false);
  });
});
