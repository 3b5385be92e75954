import { describe, expect, it } from 'vitest';
import { refusalAnswer } from '../../../src/simulator/api-answer.js';
import { cancelTable } from '../../../src/simulator/manual/cancel-table.js';
import {
  checkBody,
  checkHeaders,
  checkRequest,
  readFields,
  UnparsedBody,
} from '../../../src/simulator/manual/check-request.js';
import { deliveryTable } from '../../../src/simulator/manual/delivery-table.js';
import { payCertTable } from '../../../src/simulator/manual/pay-cert-table.js';
import { requestTables } from '../../../src/simulator/manual/request-tables.js';
import { tokenTable } from '../../../src/simulator/manual/token-table.js';
import { urlCertTable } from '../../../src/simulator/manual/url-cert-table.js';
import { urlPayTable } from '../../../src/simulator/manual/url-pay-table.js';

const json = ['Content-Type', 'application/json'];
const lenient = { strictHeaderCase: false };
const strict = { strictHeaderCase: true };

const link = (fields: Record<string, unknown> = {}) => ({
  API_ID: 'shop',
  PRODUCTNAME: '사과',
  AMOUNT: '39000',
  BUYERNAME: '홍길동',
  BUYERHP: '01012345678',
  ...fields,
});

const delivery = (fields: Record<string, unknown> = {}) => ({
  API_ID: 'shop',
  TID: 'cTS25050809394695923',
  AMOUNT: '39000',
  RECEIVERNAME: '홍길동',
  RECEIVERDATE: '20250228',
  RECEIVERELATION: '본인',
  PARCELNAME: 'CJ대한통운',
  WAYBILLNO: '123456789012',
  DELIVERYADDR: '서울특별시 중구 세종대로 110',
  ...fields,
});

describe('request tables from the manual', () => {
  it('have one table per simulated endpoint, with the manual header names', () => {
    expect(Object.keys(requestTables).sort()).toEqual(
      [
        '/api/cancel',
        '/api/paycert',
        '/api/paysearch',
        '/api/urlcert',
        '/escro/delivery_add',
        '/payAuth/token',
        '/urlpay/request',
      ].sort(),
    );
    for (const [endpoint, table] of Object.entries(requestTables)) expect(table.endpoint).toBe(endpoint);
    expect(tokenTable.headers).toEqual([]);
    expect(urlPayTable.headers.map((h) => h.name)).toEqual(['ApiKey']);
    expect(urlCertTable.headers.map((h) => h.name)).toEqual(['TOKEN']);
    expect(payCertTable.headers.map((h) => h.name)).toEqual(['TOKEN']);
    expect(deliveryTable.headers.map((h) => h.name)).toEqual(['ApiKey', 'TOKEN']);
    expect(cancelTable.headers.map((h) => h.name)).toEqual(['ApiKey', 'TOKEN']);
  });

  it('pass a request that follows the manual, numbers read as their digits', () => {
    const headers = [...json, 'ApiKey', 'k', 'Host', 'x'];
    expect(checkRequest(urlPayTable, { rawHeaders: headers, body: link({ AMOUNT: 2500 }) }, strict)).toEqual(
      [],
    );
    expect(readFields(urlPayTable, link({ AMOUNT: 2500, REQ_TYPE: '', BILL_NO: null }))).toEqual({
      API_ID: 'shop',
      PRODUCTNAME: '사과',
      AMOUNT: '2500',
      BUYERNAME: '홍길동',
      BUYERHP: '01012345678',
    });
    const token = { pay2_id: 'shop', pay2_key: 'key' };
    expect(checkRequest(tokenTable, { rawHeaders: json, body: token }, strict)).toEqual([]);
  });

  it('refuse a field the manual does not list, hinting at the spelling it meant', () => {
    expect(checkBody(urlPayTable, link({ PRODUCTCODE: 'P1', ETC3: 'x' }))).toEqual([
      { field: 'PRODUCTCODE', reason: 'is not a field of /urlpay/request in the manual' },
      { field: 'ETC3', reason: 'is not a field of /urlpay/request in the manual' },
    ]);
    expect(checkBody(payCertTable, { TID: 'T1' })).toEqual([
      { field: 'TID', reason: 'is not a field of /api/paycert in the manual (it writes "tid")' },
      { field: 'tid', reason: 'is required' },
    ]);
  });

  it('refuse missing, blank, too long and wrongly typed values', () => {
    const { BUYERNAME: _, ...withoutName } = link();
    expect(checkBody(urlPayTable, withoutName)).toEqual([{ field: 'BUYERNAME', reason: 'is required' }]);
    expect(checkBody(urlPayTable, link({ BUYERNAME: '  ' }))).toEqual([
      { field: 'BUYERNAME', reason: 'is required (empty)' },
    ]);
    expect(checkBody(urlPayTable, link({ PRODUCTNAME: '가'.repeat(41) }))).toEqual([
      { field: 'PRODUCTNAME', reason: 'must be at most 40 characters (has 41)' },
    ]);
    expect(checkBody(urlPayTable, link({ PRODUCTNAME: '가'.repeat(40) }))).toEqual([]);
    expect(checkBody(urlPayTable, link({ BUYERHP: '010-1234-5678' }))).toEqual([
      { field: 'BUYERHP', reason: 'must be at most 11 characters (has 13)' },
    ]);
    expect(checkBody(urlPayTable, link({ BUYERNAME: true }))).toEqual([
      { field: 'BUYERNAME', reason: 'must be a string' },
    ]);
    expect(checkBody(tokenTable, { pay2_id: 'i'.repeat(31), pay2_key: 'k' })).toEqual([
      { field: 'pay2_id', reason: 'must be at most 30 characters (has 31)' },
    ]);
  });

  it('refuse the values the manual forbids', () => {
    const reasons = (fields: Record<string, unknown>) => checkBody(urlPayTable, link(fields));
    expect(reasons({ AMOUNT: '12,000' })).toEqual([
      { field: 'AMOUNT', reason: 'must contain digits only (no sign, comma, decimal point or letter)' },
    ]);
    expect(reasons({ AMOUNT: -5 })).toMatchObject([{ field: 'AMOUNT' }]);
    expect(reasons({ PRODUCTNAME: 'A & B' })).toEqual([
      { field: 'PRODUCTNAME', reason: 'must not contain "&"' },
    ]);
    expect(reasons({ TAXYN: 'X' })).toEqual([{ field: 'TAXYN', reason: 'must be one of Y, N' }]);
    expect(reasons({ REQ_TYPE: 'FAX' })).toEqual([
      { field: 'REQ_TYPE', reason: 'must be one of SMS, EMAIL, KAKAO' },
    ]);
    expect(reasons({ REQ_TYPE: 'EMAIL' })).toEqual([{ field: 'BUYEREMAIL', reason: 'is required' }]);
    expect(reasons({ REQ_TYPE: 'KAKAO' })).toEqual([]);
    expect(checkBody(deliveryTable, delivery({ RECEIVERDATE: '2025-02-28' }))).toEqual([
      { field: 'RECEIVERDATE', reason: 'must be a date written YYYYMMDD' },
    ]);
    expect(checkBody(deliveryTable, delivery({ RECEIVERDATE: '20250230' }))).toEqual([
      { field: 'RECEIVERDATE', reason: 'is not a real calendar date' },
    ]);
    expect(checkBody(deliveryTable, delivery({ TID: 'T'.repeat(21) }))).toMatchObject([{ field: 'TID' }]);
    // The curl sample sends PRODUCTCODE, though the table does not list it.
    expect(checkBody(deliveryTable, delivery({ PRODUCTCODE: '상품-1' }))).toEqual([]);
  });

  it('refuse a body that is not a JSON object', () => {
    expect(checkBody(urlCertTable, new UnparsedBody(3))).toEqual([
      { field: '(body)', reason: 'is not JSON' },
    ]);
    expect(checkBody(urlCertTable, [1])).toEqual([{ field: '(body)', reason: 'must be a JSON object' }]);
    expect(checkBody(urlCertTable, undefined)).toEqual([
      { field: '(body)', reason: 'must be a JSON object' },
    ]);
  });

  it('want Content-Type application/json under either of the samples spellings', () => {
    expect(checkHeaders(tokenTable, ['content-type', 'application/json; charset=utf-8'], strict)).toEqual([]);
    expect(checkHeaders(tokenTable, ['Content-Type', 'application/json'], strict)).toEqual([]);
    expect(checkHeaders(tokenTable, [], lenient)).toEqual([
      { header: 'Content-Type', reason: 'is required: the manual sends application/json' },
    ]);
    expect(checkHeaders(tokenTable, ['Content-Type', 'text/plain'], lenient)).toEqual([
      { header: 'Content-Type', reason: 'must be application/json, as the manual sends it' },
    ]);
    expect(checkHeaders(tokenTable, ['Content-Type', 'application/json; charset=euc-kr'], lenient)).toEqual([
      { header: 'Content-Type', reason: 'charset must be utf-8' },
    ]);
  });

  it('refuse a missing, empty or misnamed header; the case only when strict', () => {
    expect(checkHeaders(deliveryTable, [...json, 'ApiKey', 'k'], lenient)).toEqual([
      { header: 'TOKEN', reason: 'is required (필수(헤더))' },
    ]);
    expect(checkHeaders(urlPayTable, [...json, 'ApiKey', ' '], lenient)).toEqual([
      { header: 'ApiKey', reason: 'must not be empty' },
    ]);
    expect(checkHeaders(urlPayTable, [...json, 'X-Api-Key', 'k'], lenient)).toEqual([
      { header: 'ApiKey', reason: 'sent as "X-Api-Key": the manual writes "ApiKey"' },
    ]);
    expect(checkHeaders(urlPayTable, [...json, 'apikey', 'k'], lenient)).toEqual([]);
    expect(checkHeaders(urlPayTable, [...json, 'apikey', 'k'], strict)).toEqual([
      { header: 'ApiKey', reason: 'sent as "apikey": the manual writes "ApiKey" (exact case)' },
    ]);
    expect(checkHeaders(urlCertTable, [...json, 'Token', 't'], strict)).toEqual([
      { header: 'TOKEN', reason: 'sent as "Token": the manual writes "TOKEN" (exact case)' },
    ]);
    expect(checkHeaders(deliveryTable, [...json, 'ApiKey', 'k', 'TOKEN', 't'], strict)).toEqual([]);
  });
});

describe('refusal answers', () => {
  it('answer E001 for ApiKey, a token rejection for TOKEN, E004 naming the fields otherwise', () => {
    const missingKey = [{ header: 'ApiKey', reason: 'is required (필수(헤더))' }];
    expect(refusalAnswer('/urlpay/request', missingKey, 'token-message')).toEqual({
      body: { RESULTCODE: 'E001', RESULTMSG: 'ApiKey 헤더가 없습니다' },
    });
    const caseOfKey = [
      { header: 'ApiKey', reason: 'sent as "apikey": the manual writes "ApiKey" (exact case)' },
    ];
    expect(refusalAnswer('/urlpay/request', caseOfKey, 'token-message').body.RESULTMSG).toBe(
      'ApiKey 헤더가 없습니다 (sent as "apikey": the manual writes "ApiKey" (exact case))',
    );
    const missingToken = [{ header: 'TOKEN', reason: 'is required (필수(헤더))' }];
    expect(refusalAnswer('/api/urlcert', missingToken, 'token-message')).toEqual({
      body: { RESULTCODE: 'E005', RESULTMSG: 'TOKEN 헤더가 없습니다' },
    });
    expect(refusalAnswer('/api/urlcert', missingToken, 'http-401')).toEqual({
      status: 401,
      body: { RESULTCODE: 'E401', RESULTMSG: 'Unauthorized' },
    });
    expect(refusalAnswer('/api/urlcert', missingToken, 'rtn-cd')).toEqual({
      body: { RTN_CD: 'E005', RTN_MSG: '인증 실패' },
    });
    expect(refusalAnswer('/api/urlcert', missingToken, 'resultcode')).toEqual({
      body: { RESULTCODE: 'E999', RESULTMSG: '요청을 처리할 수 없습니다' },
    });
    const fields = [
      { header: 'Content-Type', reason: 'must be application/json, as the manual sends it' },
      { field: 'pay2_key', reason: 'is required' },
    ];
    expect(refusalAnswer('/payAuth/token', fields, 'token-message')).toEqual({
      body: {
        RTN_CD: 'E004',
        RTN_MSG: 'Content-Type: must be application/json, as the manual sends it; pay2_key: is required',
      },
    });
  });
});
