import { describe, expect, it } from 'vitest';
import { InvalidPayloadError } from '../../../src/contract/invalid-payload-error.js';
import {
  type NotificationRecord,
  notificationJobId,
  notificationJobName,
  parseNotificationJob,
  readNotification,
} from '../../../src/contract/notification-job.js';

const approval = {
  API_ID: 'shop',
  TID: 'T1',
  AMOUNT: '25000',
  SMS_INPUT: 'KEY1',
  ORDERNO: 'O1',
  CARDNO: '1234-****',
  BUYERNAME: '김하늘',
};

const record = (rawBody: string): NotificationRecord => ({
  rawBody,
  contentType: null,
  receivedAt: '2026-01-01T00:00:00.000Z',
  sourceAddress: '203.0.113.9',
});

describe('readNotification', () => {
  it('reads the facts of an approval, JSON or form-encoded alike: kind, TID, amount as a number, API_ID', () => {
    const facts = { kind: 'approval', TID: 'T1', amount: 25000, apiId: 'shop' };
    expect(readNotification(JSON.stringify(approval))).toEqual({ ok: true, facts });
    expect(readNotification(new URLSearchParams(approval).toString())).toEqual({ ok: true, facts });
    expect(readNotification(JSON.stringify({ ...approval, AMOUNT: 25000 }))).toEqual({ ok: true, facts });
    expect(readNotification(` \n${JSON.stringify({ ...approval, AMOUNT: '0025000' })}`)).toEqual({
      ok: true,
      facts,
    });
  });

  it('reads the lower-case cancel form; no cancel_amount is no amount', () => {
    const cancel = { noti_type: 'cancel', tid: 'T1', cancel_amount: '1000', cancel_date: 'd' };
    expect(readNotification(JSON.stringify(cancel))).toEqual({
      ok: true,
      facts: { kind: 'cancel', TID: 'T1', amount: 1000 },
    });
    expect(
      readNotification(JSON.stringify({ ...cancel, noti_type: 'deposit_cancel', cancel_amount: '' })),
    ).toEqual({ ok: true, facts: { kind: 'cancel', TID: 'T1' } });
  });

  it('lets through what only informs (a 200-character ORDERNO, a 60-character SMS_INPUT, objects, nulls)', () => {
    const odd = {
      ...approval,
      ORDERNO: 'O'.repeat(200),
      SMS_INPUT: 'K'.repeat(60),
      ETC1: { a: 1 },
      ETC7: null,
    };
    expect(readNotification(JSON.stringify(odd))).toMatchObject({ ok: true, facts: { TID: 'T1' } });
  });

  it('names each problem of a body it cannot read, never its values', () => {
    const problems = (raw: string) => {
      const reading = readNotification(raw);
      return reading.ok ? [] : reading.issues;
    };
    expect(problems('')).toEqual([{ field: '(body)', reason: 'is empty' }]);
    expect(problems('{"TID": "T1", "AMOUNT":')).toEqual([{ field: '(body)', reason: 'is not valid JSON' }]);
    expect(problems('[1]')).toEqual([{ field: '(body)', reason: 'must be a JSON object' }]);
    expect(problems(JSON.stringify({ AMOUNT: '-5' }))).toEqual([
      { field: 'TID', reason: 'is required' },
      { field: 'AMOUNT', reason: 'must contain digits only (no sign, comma or decimal point)' },
    ]);
    expect(problems(JSON.stringify({ TID: 'T1', AMOUNT: '12345678901' }))).toEqual([
      { field: 'AMOUNT', reason: 'must be at most 10 digits' },
    ]);
    expect(problems(JSON.stringify({ noti_type: 'cancel', tid: 'T1', cancel_amount: '1,000' }))).toEqual([
      { field: 'cancel_amount', reason: 'must contain digits only (no sign, comma or decimal point)' },
    ]);
    expect(problems(JSON.stringify({ noti_type: 'refund', tid: 'T1' }))).toEqual([
      { field: 'noti_type', reason: 'must be cancel or deposit_cancel' },
    ]);
    expect(problems(JSON.stringify({ TID: 'T'.repeat(101), AMOUNT: '1' }))).toEqual([
      { field: 'TID', reason: 'must be at most 100 characters' },
    ]);
    expect(problems('TID=T1&TID=T2&AMOUNT=1')).toEqual([{ field: 'TID', reason: 'appears more than once' }]);
    expect(problems('{"TID":"T1","AMOUNT":"1","__proto__":{"x":1}}')).toEqual([
      { field: '__proto__', reason: 'is not allowed' },
    ]);
    expect(problems('<xml>T1</xml>')).toEqual([
      { field: 'TID', reason: 'is required' },
      { field: 'AMOUNT', reason: 'is required' },
    ]);
  });
});

describe('parseNotificationJob', () => {
  it('reads a received record: its facts and when it was received', () => {
    expect(parseNotificationJob(record(JSON.stringify(approval)))).toEqual({
      facts: { kind: 'approval', TID: 'T1', amount: 25000, apiId: 'shop' },
      receivedAt: Date.parse('2026-01-01T00:00:00.000Z'),
    });
  });

  it('throws InvalidPayloadError with the reasons for a body it cannot read', () => {
    expect(() => parseNotificationJob(record('TID=&AMOUNT=1,000'))).toThrow(InvalidPayloadError);
    try {
      parseNotificationJob(record('TID=&AMOUNT=1,000'));
    } catch (error) {
      expect((error as InvalidPayloadError).issues).toEqual([
        { field: 'TID', reason: 'is required' },
        { field: 'AMOUNT', reason: 'must contain digits only (no sign, comma or decimal point)' },
      ]);
    }
    expect(() => parseNotificationJob({ rawBody: 5 })).toThrow(/rawBody/);
  });

  it('still reads the identity fields an earlier version stored', () => {
    expect(parseNotificationJob({ type: 'approval', TID: 'T1', AMOUNT: '25000', URLKEY: 'K' })).toEqual({
      facts: { kind: 'approval', TID: 'T1', amount: 25000 },
    });
    expect(parseNotificationJob({ type: 'cancel', TID: 'T1' })).toEqual({
      facts: { kind: 'cancel', TID: 'T1' },
    });
  });
});

describe('notificationJobId / notificationJobName', () => {
  it('is a hash of the raw body: the same body one id, any other body another', () => {
    const body = JSON.stringify(approval);
    expect(notificationJobId(body)).toMatch(/^noti-[0-9a-f]{32}$/);
    expect(notificationJobId(body)).toBe(notificationJobId(body));
    expect(notificationJobId(`${body} `)).not.toBe(notificationJobId(body));
    expect(notificationJobId(JSON.stringify({ ...approval, SMS_INPUT: 'bogus' }))).not.toBe(
      notificationJobId(body),
    );
  });

  it('names the job after the kind, or unreadable', () => {
    expect(notificationJobName(readNotification(JSON.stringify(approval)))).toBe('approval');
    expect(notificationJobName(readNotification('{"noti_type":"cancel","tid":"T"}'))).toBe('cancel');
    expect(notificationJobName(readNotification('nothing'))).toBe('unreadable');
  });
});
