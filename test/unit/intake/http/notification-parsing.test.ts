import { describe, expect, it } from 'vitest';
import { notificationJobId } from '../../../../src/contract/notification-job.js';
import { parseNotification } from '../../../../src/intake/http/notification-route.js';

describe('parseNotification', () => {
  it('keeps only the identity of an approval: TID, AMOUNT, URLKEY (SMS_INPUT), ORDERNO', () => {
    const parsed = parseNotification({
      API_ID: 'shop',
      TID: 'T1',
      AMOUNT: 25000,
      SMS_INPUT: 'KEY1',
      ORDERNO: 'O1',
      CARDNO: '1234-****',
      BUYERNAME: '김하늘',
    });
    expect(parsed).toMatchObject({
      ok: true,
      job: { type: 'approval', TID: 'T1', AMOUNT: '25000', URLKEY: 'KEY1', ORDERNO: 'O1' },
    });
    if (parsed.ok)
      expect(Object.keys(parsed.job).sort()).toEqual(['AMOUNT', 'ORDERNO', 'TID', 'URLKEY', 'type']);
  });

  it('reads the lower-case cancel form', () => {
    const parsed = parseNotification({
      noti_type: 'cancel',
      tid: 'T1',
      cancel_amount: '1000',
      cancel_date: 'd',
    });
    expect(parsed).toMatchObject({ ok: true, job: { type: 'cancel', TID: 'T1', AMOUNT: '1000' } });
  });

  it('names each invalid field', () => {
    expect(parseNotification([1])).toEqual({
      ok: false,
      issues: [{ field: '(body)', reason: 'must be a JSON object' }],
    });
    const parsed = parseNotification({ AMOUNT: '-5' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.issues).toEqual([
        { field: 'AMOUNT', reason: 'must contain digits only' },
        { field: 'TID', reason: 'is required' },
      ]);
  });
});

describe('notificationJobId', () => {
  const job = { type: 'approval' as const, TID: 'T1', AMOUNT: '1000' };
  it('is stable for the same notification and differs with TID, AMOUNT, type or cancel date', () => {
    const id = notificationJobId(job);
    expect(id).toMatch(/^noti-approval-[0-9a-f]{32}$/);
    expect(notificationJobId({ ...job, URLKEY: 'K', ORDERNO: 'O' })).toBe(id);
    expect(notificationJobId({ ...job, AMOUNT: '1001' })).not.toBe(id);
    expect(notificationJobId({ ...job, TID: 'T2' })).not.toBe(id);
    const cancel = { ...job, type: 'cancel' as const };
    expect(notificationJobId(cancel, 'a')).not.toBe(notificationJobId(cancel, 'b'));
  });
});
