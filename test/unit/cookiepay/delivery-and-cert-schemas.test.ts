import { describe, expect, it } from 'vitest';
import {
  deliveryFieldsSchema,
  deliveryRequestSchema,
  deliveryResponseSchema,
} from '../../../src/cookiepay/schemas/delivery.js';
import {
  payCertRequestSchema,
  paymentCertResponseSchema,
  urlCertRequestSchema,
} from '../../../src/cookiepay/schemas/payment-cert.js';
import { tokenRequestSchema, tokenResponseSchema } from '../../../src/cookiepay/schemas/token.js';
import { deliveryJob } from '../../fixtures/jobs.js';

const delivery = deliveryJob();

const failingFields = (input: unknown) => {
  const result = deliveryFieldsSchema.safeParse(input);
  expect(result.success).toBe(false);
  return [...new Set(result.error?.issues.map((issue) => issue.path.join('.')))];
};

describe('deliveryFieldsSchema', () => {
  it('accepts a complete delivery', () => {
    expect(deliveryFieldsSchema.parse(delivery)).toMatchObject(delivery);
  });

  it.each(['20250230', '20250001', '20251301', '2025-02-28', '2025022', 'tomorrow'])(
    'rejects RECEIVERDATE %s',
    (RECEIVERDATE) => {
      expect(failingFields({ ...delivery, RECEIVERDATE })).toEqual(['RECEIVERDATE']);
    },
  );

  it('accepts 29 February of a leap year only', () => {
    expect(deliveryFieldsSchema.safeParse({ ...delivery, RECEIVERDATE: '20240229' }).success).toBe(true);
    expect(failingFields({ ...delivery, RECEIVERDATE: '20250229' })).toEqual(['RECEIVERDATE']);
  });

  it('enforces the manual lengths', () => {
    expect(failingFields({ ...delivery, TID: 'T'.repeat(21) })).toEqual(['TID']);
    expect(failingFields({ ...delivery, RECEIVERNAME: 'a'.repeat(51) })).toEqual(['RECEIVERNAME']);
    expect(failingFields({ ...delivery, PARCELNAME: 'a'.repeat(31) })).toEqual(['PARCELNAME']);
    expect(failingFields({ ...delivery, WAYBILLNO: '1'.repeat(51) })).toEqual(['WAYBILLNO']);
    expect(failingFields({ ...delivery, DELIVERYADDR: 'a'.repeat(101) })).toEqual(['DELIVERYADDR']);
  });

  it('rejects a TID with other characters and an AMOUNT that is not digits above 0', () => {
    expect(failingFields({ ...delivery, TID: 'T 1' })).toEqual(['TID']);
    expect(failingFields({ ...delivery, AMOUNT: '0' })).toEqual(['AMOUNT']);
    expect(failingFields({ ...delivery, AMOUNT: '39,000' })).toEqual(['AMOUNT']);
  });

  it.each(['6.12346E+11', '6.12346e+11', '1E+12', '6,12346E+11'])(
    'refuses a WAYBILLNO Excel wrote in scientific notation (%s), saying to format the column as text',
    (WAYBILLNO) => {
      const result = deliveryFieldsSchema.safeParse({ ...delivery, WAYBILLNO });
      expect(result.error?.issues).toEqual([
        expect.objectContaining({
          path: ['WAYBILLNO'],
          message: expect.stringMatching(/scientific notation.*format the waybill column as text/),
        }),
      ]);
    },
  );

  it.each(['612345678901', 'EE123456789KR', '6-1234-E5'])(
    'keeps a waybill %s that only looks alike',
    (WAYBILLNO) => {
      expect(deliveryFieldsSchema.safeParse({ ...delivery, WAYBILLNO }).success).toBe(true);
    },
  );

  it('names every missing field', () => {
    expect(failingFields({}).sort()).toEqual(
      [
        'AMOUNT',
        'DELIVERYADDR',
        'PARCELNAME',
        'RECEIVERDATE',
        'RECEIVERELATION',
        'RECEIVERNAME',
        'TID',
        'WAYBILLNO',
      ].sort(),
    );
  });

  it('with API_ID forms the request', () => {
    expect(deliveryRequestSchema.parse({ API_ID: 'cookie01', ...delivery }).API_ID).toBe('cookie01');
  });
});

describe('deliveryResponseSchema', () => {
  it('keeps a numeric RESULTCODE as a string and unknown fields', () => {
    expect(deliveryResponseSchema.parse({ RESULTCODE: 1234, RESULTMSG: null, X: 1 })).toEqual({
      RESULTCODE: '1234',
      RESULTMSG: null,
      X: 1,
    });
  });
});

describe('payment check schemas', () => {
  it('validates URLKEY and tid', () => {
    expect(urlCertRequestSchema.safeParse({ URLKEY: '' }).success).toBe(false);
    expect(urlCertRequestSchema.safeParse({ URLKEY: 'k'.repeat(51) }).success).toBe(false);
    expect(urlCertRequestSchema.parse({ URLKEY: ' UK1 ' })).toEqual({ URLKEY: 'UK1' });
    expect(payCertRequestSchema.safeParse({ tid: '' }).success).toBe(false);
    expect(payCertRequestSchema.parse({ tid: 'cTS25050809394695923' })).toEqual({
      tid: 'cTS25050809394695923',
    });
  });

  it('parses a paid answer with numbers as strings, nulls and extra fields', () => {
    const parsed = paymentCertResponseSchema.parse({
      RESULTCODE: '0000',
      RESULTMSG: '성공',
      ORDERNO: 'ORD-1',
      AMOUNT: '39000',
      TID: 'cTS25050809394695923',
      ACCEPTDATE: '20250508093946',
      CANCELDATE: null,
      CARDCODE: 3,
      QUOTA: '00',
    });
    expect(parsed).toMatchObject({ AMOUNT: '39000', CANCELDATE: null, CARDCODE: '3', QUOTA: '00' });
  });

  it('parses the not-paid answer', () => {
    expect(paymentCertResponseSchema.parse({ RESULTCODE: 'EA01', RESULTMSG: '결제 미진행' }).RESULTCODE).toBe(
      'EA01',
    );
  });
});

describe('token schemas', () => {
  it('bounds pay2_id and pay2_key', () => {
    expect(tokenRequestSchema.safeParse({ pay2_id: 'id', pay2_key: 'key' }).success).toBe(true);
    expect(tokenRequestSchema.safeParse({ pay2_id: '', pay2_key: 'key' }).success).toBe(false);
    expect(tokenRequestSchema.safeParse({ pay2_id: 'i'.repeat(31), pay2_key: 'key' }).success).toBe(false);
    expect(tokenRequestSchema.safeParse({ pay2_id: 'id', pay2_key: 'k'.repeat(51) }).success).toBe(false);
  });

  it('parses success and failure answers', () => {
    expect(tokenResponseSchema.parse({ RTN_CD: '0000', RTN_MSG: '성공', TOKEN: 'a.b.c' }).TOKEN).toBe(
      'a.b.c',
    );
    expect(tokenResponseSchema.parse({ RTN_CD: 'E003', RTN_MSG: 'ID & KEY 불일치' })).toEqual({
      RTN_CD: 'E003',
      RTN_MSG: 'ID & KEY 불일치',
    });
  });
});
