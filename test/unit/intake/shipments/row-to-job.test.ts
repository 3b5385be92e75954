import { describe, expect, it } from 'vitest';
import { deliveryJobId } from '../../../../src/contract/job-ids.js';
import { mapHeader, shipmentFields } from '../../../../src/intake/shipments/header-map.js';
import { rowToJob } from '../../../../src/intake/shipments/row-to-job.js';

const mapping = mapHeader([...shipmentFields]);
const cells = {
  TID: 'T2025_0001',
  AMOUNT: '15000',
  RECEIVERNAME: '홍길동',
  RECEIVERDATE: '20250115',
  RECEIVERELATION: '본인',
  PARCELNAME: 'CJ대한통운',
  WAYBILLNO: '123456789012',
  DELIVERYADDR: '서울특별시 중구 세종대로 110',
  PRODUCTCODE: '',
};
const row = (overrides: Partial<typeof cells> = {}) =>
  shipmentFields.map((field) => ({ ...cells, ...overrides })[field]);

describe('rowToJob', () => {
  it('turns a valid row into a delivery job with the TID + WAYBILLNO job id', () => {
    const outcome = rowToJob(mapping, 2, row({ TID: ' T2025_0001 ', AMOUNT: '015000' }));
    expect(outcome).toEqual({
      ok: true,
      line: 2,
      jobId: deliveryJobId('T2025_0001', '123456789012'),
      data: { ...cells, AMOUNT: '15000', PRODUCTCODE: undefined },
    });
  });

  it('keeps a PRODUCTCODE and follows the columns of the header', () => {
    const reordered = mapHeader(['WAYBILLNO', ...shipmentFields.filter((f) => f !== 'WAYBILLNO')]);
    const values = ['W-1', ...shipmentFields.filter((f) => f !== 'WAYBILLNO').map((f) => cells[f])];
    values[values.length - 1] = 'P-100';
    const outcome = rowToJob(reordered, 3, values);
    expect(outcome).toMatchObject({ ok: true, data: { WAYBILLNO: 'W-1', PRODUCTCODE: 'P-100' } });
  });

  it.each([
    [{ AMOUNT: '15,000' }, 'AMOUNT', 'must contain digits only (no sign, comma or decimal point)'],
    [{ AMOUNT: '0' }, 'AMOUNT', 'must be above 0'],
    [{ RECEIVERDATE: '2025-01-15' }, 'RECEIVERDATE', 'must be a date written YYYYMMDD'],
    [{ RECEIVERDATE: '20250230' }, 'RECEIVERDATE', 'is not a real calendar date'],
    [{ TID: 'T 1' }, 'TID', 'must contain letters, digits, "-" or "_" only'],
    [{ WAYBILLNO: '' }, 'WAYBILLNO', 'is required'],
    [
      { WAYBILLNO: '6.12346E+11' },
      'WAYBILLNO',
      'is a number in scientific notation (as Excel writes long numbers): its digits are lost; format the waybill column as text and export again',
    ],
    [{ PARCELNAME: 'x'.repeat(31) }, 'PARCELNAME', 'must be at most 30 characters'],
    [{ PRODUCTCODE: 'P'.repeat(11) }, 'PRODUCTCODE', 'must be at most 10 characters'],
  ] as const)('rejects %o: %s %s, with the line', (overrides, field, reason) => {
    expect(rowToJob(mapping, 7, row(overrides))).toEqual({
      ok: false,
      line: 7,
      issues: expect.arrayContaining([{ field, reason }]),
    });
  });

  it('lists every bad field of a row', () => {
    const outcome = rowToJob(mapping, 4, row({ AMOUNT: '-1', RECEIVERNAME: ' ' }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((issue) => issue.field).sort()).toEqual(['AMOUNT', 'RECEIVERNAME']);
  });

  it('rejects a short row (missing cells are required fields) and a row longer than the header', () => {
    expect(rowToJob(mapping, 5, ['T1', '1000'])).toMatchObject({
      ok: false,
      issues: expect.arrayContaining([{ field: 'DELIVERYADDR', reason: 'is required' }]),
    });
    expect(rowToJob(mapping, 6, [...row(), 'extra'])).toEqual({
      ok: false,
      line: 6,
      issues: [{ field: '(row)', reason: 'has 1 more value than the header has columns' }],
    });
    expect(rowToJob(mapping, 6, [...row(), ' ']).ok).toBe(true);
  });
});
