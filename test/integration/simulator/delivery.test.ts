import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/start-simulator.js';
import { deliveryJob } from '../../fixtures/jobs.js';
import { API_ID, API_KEY, createLink, getToken, post, startTestSimulator } from './http.js';

/** A `/escro/delivery_add` body for the 15,000 won link of `createLink` (its TID in `fields`). */
const delivery = (fields: Record<string, unknown>) => ({
  API_ID,
  ...deliveryJob({ AMOUNT: '15000' }),
  ...fields,
});

describe('simulator escrow delivery', () => {
  let sim: RunningSimulator;
  let headers: Record<string, string>;
  let tid: string;

  const add = (fields: Record<string, unknown>, extraHeaders = headers) =>
    post(sim.url, '/escro/delivery_add', delivery(fields), extraHeaders);

  beforeAll(async () => {
    sim = await startTestSimulator();
    headers = { ApiKey: API_KEY, TOKEN: await getToken(sim) };
    const { urlKey } = await createLink(sim);
    tid = (await sim.control.pay({ URLKEY: urlKey, PAYMETHOD: 'BANK' })).payment.TID;
  });
  afterAll(async () => {
    await sim.close();
  });

  it('registers a delivery for a known TID, again idempotently', async () => {
    const first = await add({ TID: tid });
    expect(first.json).toEqual({ RESULTCODE: '0000', RESULTMSG: '성공' });
    const again = await add({ TID: tid, AMOUNT: 15000 });
    expect(again.json).toEqual({ RESULTCODE: '0000', RESULTMSG: '성공' });
    const { deliveries } = await sim.control.payments();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ TID: tid, WAYBILLNO: '123456789012', PARCELNAME: 'CJ대한통운' });
  });

  it('refuses another waybill for the same TID', async () => {
    const other = await add({ TID: tid, WAYBILLNO: '999' });
    expect(other.json?.RESULTCODE).toBe('E010');
  });

  it('rejects an unknown TID and a different AMOUNT', async () => {
    expect((await add({ TID: 'SIM00000000000000000' })).json).toEqual({
      RESULTCODE: 'E006',
      RESULTMSG: '존재하지 않는 거래(TID) 입니다',
    });
    expect((await add({ TID: tid, AMOUNT: '15001' })).json).toEqual({
      RESULTCODE: 'E009',
      RESULTMSG: '결제금액 불일치',
    });
  });

  it('rejects a cancelled payment', async () => {
    const { urlKey } = await createLink(sim);
    const { payment } = await sim.control.pay({ URLKEY: urlKey });
    await sim.control.cancel({ TID: payment.TID });
    expect((await add({ TID: payment.TID })).json?.RESULTCODE).toBe('E007');
  });

  it('validates fields and both headers', async () => {
    const badDate = await add({ TID: tid, RECEIVERDATE: '20250230' });
    expect(badDate.json?.RESULTCODE).toBe('E004');
    expect(String(badDate.json?.RESULTMSG)).toContain('RECEIVERDATE');
    const noKey = await add({ TID: tid }, { TOKEN: String(headers.TOKEN) });
    expect(noKey.json?.RESULTCODE).toBe('E001');
    const noToken = await add({ TID: tid }, { ApiKey: API_KEY });
    expect(noToken.json?.RESULTCODE).toBe('E005');
    expect(String(noToken.json?.RESULTMSG)).toContain('TOKEN');
  });
});
