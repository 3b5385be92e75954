import { describe, expect, it } from 'vitest';
import { BatchFileError } from '../../../../src/intake/shipments/batch-errors.js';
import {
  fieldOfHeader,
  mapHeader,
  normaliseHeader,
  shipmentFields,
} from '../../../../src/intake/shipments/header-map.js';

const koreanHeader = [
  'PG 거래 고유번호',
  '결제금액',
  '실수령자',
  '실수령일',
  '실수령자와의 관계',
  '택배사명',
  '운송장번호',
  '배송지주소',
  '상품코드',
];

const headerError = (headers: string[]): BatchFileError => {
  try {
    mapHeader(headers);
  } catch (error) {
    if (error instanceof BatchFileError) return error;
  }
  throw new Error('expected a BatchFileError');
};

describe('mapHeader', () => {
  it("maps the manual's field names, in any order and case, with spaces around them", () => {
    expect(mapHeader([' waybillno ', ...shipmentFields.filter((f) => f !== 'WAYBILLNO')])).toEqual([
      'WAYBILLNO',
      ...shipmentFields.filter((f) => f !== 'WAYBILLNO'),
    ]);
  });

  it('maps the Korean labels, with or without spaces', () => {
    expect(mapHeader(koreanHeader)).toEqual([...shipmentFields]);
    expect(mapHeader(koreanHeader.map((label) => label.replace(/\s/g, '')))).toEqual([...shipmentFields]);
  });

  it('drops a parenthesised suffix and a BOM', () => {
    expect(fieldOfHeader('실수령일(YYYYMMDD)')).toBe('RECEIVERDATE');
    expect(fieldOfHeader('결제금액 (원)')).toBe('AMOUNT');
    expect(fieldOfHeader('운송장번호（숫자만）')).toBe('WAYBILLNO');
    expect(fieldOfHeader('\uFEFFTID')).toBe('TID');
    expect(normaliseHeader(' RECEIVER DATE (yyyymmdd) ')).toBe('RECEIVERDATE');
  });

  it('makes PRODUCTCODE optional and ignores blank header cells', () => {
    const withoutCode = shipmentFields.filter((f) => f !== 'PRODUCTCODE');
    expect(mapHeader([...withoutCode, '', ' '])).toEqual([...withoutCode, undefined, undefined]);
  });

  it('refuses an unknown column, naming it', () => {
    const error = headerError([...shipmentFields, '메모']);
    expect(error.problem).toBe('header');
    expect(error.line).toBe(1);
    expect(error.message).toContain('unknown column "메모"');
  });

  it('refuses missing required columns, naming each', () => {
    const error = headerError([
      'TID',
      'AMOUNT',
      'RECEIVERNAME',
      'RECEIVERDATE',
      'RECEIVERELATION',
      'PARCELNAME',
    ]);
    expect(error.message).toContain('missing columns WAYBILLNO, DELIVERYADDR');
    expect(error.message).not.toContain('PRODUCTCODE,');
  });

  it('refuses a column given twice (name and label)', () => {
    expect(headerError([...shipmentFields, '운송장번호']).message).toContain('WAYBILLNO appears twice');
  });

  it('echoes at most 40 characters of a header cell and the first 20 problems (a 10 MB header line was echoed whole)', () => {
    const huge = 'X'.repeat(1_000_000);
    const many = Array.from({ length: 5_000 }, (_, index) => `COLUMN_${index}`);
    const message = headerError([huge, ...many, ...shipmentFields]).message;
    expect(message).toContain(`unknown column "${'X'.repeat(40)}…"`);
    expect(message).toContain('4981 more problems');
    expect(message.length).toBeLessThan(2_000);
  });
});
