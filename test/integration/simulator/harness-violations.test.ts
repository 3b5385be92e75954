import { afterEach, describe, expect, inject, it } from 'vitest';
import { deliveryJob, urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, expectNoViolations, type Harness } from '../../helpers/harness.js';
import { post } from './http.js';

describe('the test harness fails the tests whose requests broke the manual', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close().catch(() => {});
    harness = undefined;
  });

  it("close() fails on a refused request, even after the simulator's reset; takeViolations() excuses it", async () => {
    const h = await createHarness(inject('redisUrl'));
    harness = h;
    await post(h.simulator.url, '/api/urlcert', { URLKEY: 'K', BILL_NO: 'x' }, { TOKEN: 't' });
    await expect(expectNoViolations(h.simulator.control)).rejects.toThrow(
      /#1 \/api\/urlcert: BILL_NO is not a field of \/api\/urlcert in the manual/,
    );
    await h.reset();
    await expectNoViolations(h.simulator.control);
    await expect(h.close()).rejects.toThrow(
      /requests broke the CookiePay manual:\n#1 \/api\/urlcert: BILL_NO/,
    );
    harness = undefined;

    const excused = await createHarness(inject('redisUrl'));
    harness = excused;
    await post(excused.simulator.url, '/payAuth/token', { pay2_id: 'x' });
    expect(excused.takeViolations().map((record) => record.violations)).toEqual([
      [{ field: 'pay2_key', reason: 'is required' }],
    ]);
    await excused.close();
    harness = undefined;
  });

  it("today's client follows the manual's tables on every endpoint (header case aside)", async () => {
    const h = await createHarness(inject('redisUrl'));
    harness = h;
    const cookiepay = h.cookiepay();
    const link = await cookiepay.urlPay(
      urlPayJob({ BILL_NO: 'H-1', REQ_TYPE: 'KAKAO', TAXYN: 'Y', ETC1: 'e' }),
    );
    const URLKEY = String(link.URLKEY);
    const { payment } = await h.simulator.control.pay({ URLKEY, PAYMETHOD: 'BANK' });
    await cookiepay.urlCert({ URLKEY });
    await cookiepay.payCert({ tid: payment.TID });
    await cookiepay.deliveryAdd(deliveryJob({ TID: payment.TID, AMOUNT: '39000', PRODUCTCODE: 'P-1' }));
    const endpoints = new Set((await h.simulator.control.requests()).map((entry) => entry.endpoint));
    expect(endpoints.size).toBe(5);
    await expectNoViolations(h.simulator.control);
    expect(h.takeViolations()).toEqual([]);
  });
});
