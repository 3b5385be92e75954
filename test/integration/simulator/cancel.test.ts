import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/start-simulator.js';
import { API_KEY, createLink, getToken, post, startTestSimulator } from './http.js';

/** `/api/cancel` over HTTP: full, partial (what remains tracked), already cancelled, 9029 once settled. */
describe('simulator /api/cancel', () => {
  let sim: RunningSimulator;
  let headers: Record<string, string>;
  let tid: string;

  const cancel = (fields: Record<string, unknown>, extraHeaders = headers) =>
    post(sim.url, '/api/cancel', { tid, reason: '구매자 요청', ...fields }, extraHeaders);
  const payCert = async () =>
    (await post(sim.url, '/api/paycert', { tid }, { TOKEN: headers.TOKEN ?? '' })).json;

  beforeAll(async () => {
    sim = await startTestSimulator();
    headers = { ApiKey: API_KEY, TOKEN: await getToken(sim) };
  });
  beforeEach(async () => {
    const { urlKey } = await createLink(sim);
    tid = (await sim.control.pay({ URLKEY: urlKey })).payment.TID;
  });
  afterAll(async () => {
    await sim.close();
  });

  it('cancels in full, answering in lower case; again: already cancelled (9010, 이미 취소)', async () => {
    const first = await cancel({});
    expect(first.json).toMatchObject({ cancel_code: '0000', cancel_amt: '15000' });
    expect(first.json?.cancel_tid).toEqual(expect.any(String));
    expect(first.json?.cancel_date).toMatch(/^\d{14}$/);
    const cert = await payCert();
    expect(cert?.CANCELDATE).toMatch(/^\d{14}$/);
    expect(cert?.CANCELMSG).toBe('구매자 요청');
    expect(cert?.AMOUNT).toBe('15000');
    const again = await cancel({});
    expect(again.json).toEqual({ cancel_code: '9010', cancel_msg: '이미 취소된 거래입니다' });
  });

  it('partial cancels lower what paycert shows until nothing remains; beyond the rest is refused', async () => {
    expect((await cancel({ amount: '4000' })).json).toMatchObject({
      cancel_code: '0000',
      cancel_amt: '4000',
    });
    expect(await payCert()).toMatchObject({ AMOUNT: '11000', CANCELDATE: '' });
    expect((await cancel({ amount: 11_001 })).json).toMatchObject({ cancel_code: '9011' });
    expect(await payCert()).toMatchObject({ AMOUNT: '11000', CANCELDATE: '' });
    expect((await cancel({ amount: 11_000 })).json).toMatchObject({
      cancel_code: '0000',
      cancel_amt: '11000',
    });
    const cert = await payCert();
    // Cancelled: CANCELDATE set, AMOUNT what remained before the cancel that ended it.
    expect(cert?.AMOUNT).toBe('11000');
    expect(cert?.CANCELDATE).toMatch(/^\d{14}$/);
    expect((await cancel({ amount: 1 })).json).toMatchObject({ cancel_code: '9010' });
  });

  it('answers 9029 once the payment is settled (POST /__sim/settle)', async () => {
    const settled = await sim.control.settle({ TID: tid });
    expect(settled).toMatchObject({ alreadySettled: false, payment: { TID: tid } });
    expect((await sim.control.settle({ TID: tid })).alreadySettled).toBe(true);
    expect((await cancel({})).json).toMatchObject({ cancel_code: '9029' });
    expect((await payCert())?.CANCELDATE).toBe('');
  });

  it('refuses what breaks its table, an unknown TID, and a request without ApiKey', async () => {
    const noReason = await post(sim.url, '/api/cancel', { tid }, headers);
    expect(noReason.json?.cancel_code).toBe('E004');
    expect(String(noReason.json?.cancel_msg)).toContain('reason');
    const comma = await cancel({ amount: '1,000' });
    expect(comma.json?.cancel_code).toBe('E004');
    expect(String(comma.json?.cancel_msg)).toContain('amount');
    expect((await cancel({ tid: 'SIM-UNKNOWN' })).json).toMatchObject({ cancel_code: 'E006' });
    expect((await cancel({}, { TOKEN: headers.TOKEN ?? '' })).json).toMatchObject({ cancel_code: 'E001' });
    expect((await payCert())?.CANCELDATE).toBe('');
  });
});
