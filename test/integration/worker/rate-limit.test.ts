import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../../src/contract/names.js';
import { createCookiePay } from '../../../src/cookiepay/create-cookiepay.js';
import { createSimulatorControl, type SimulatorControl } from '../../../src/simulator/control-client.js';
import { maxInAnyWindow } from '../../../src/simulator/request-rate.js';
import { freePort } from '../../helpers/find-redis.js';
import { createHarness, type Harness, testAccount, workerTestEnv } from '../../helpers/worker-harness.js';
import { spawnCli, type WorkerProcess } from '../../helpers/worker-process.js';

const testAccountEnv = { COOKIEPAY_API_ID: testAccount.apiId, COOKIEPAY_API_KEY: testAccount.apiKey };

describe('rate limit for the whole CookiePay account', () => {
  let h: Harness;
  const processes: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    await h.close();
  });

  it('3 worker processes under 20 per second draining 300 mixed jobs: never more than 20 in any second', async () => {
    // The simulator runs in a process of its own, so that what it sees is not disturbed by the test runner.
    const port = await freePort();
    processes.push(
      await spawnCli(
        ['simulator'],
        { ...testAccountEnv, SIMULATOR_PORT: String(port) },
        'CookiePay simulator listening',
      ),
    );
    const simulatorUrl = `http://127.0.0.1:${port}`;
    const control: SimulatorControl = createSimulatorControl(simulatorUrl);
    // 100 paid payments to check and to ship, made before the measurement starts.
    const client = createCookiePay({
      baseUrl: simulatorUrl,
      ...testAccount,
      redis: h.redis,
      keyPrefix: `${h.prefix}-setup`,
    });
    const tids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const link = await client.urlPay({
        PRODUCTNAME: `상품 ${i}`,
        AMOUNT: 1000 + i,
        BUYERNAME: '이도윤',
        BUYERHP: '01055556666',
        BILL_NO: `RL-${i}`,
      });
      const paid = await control.pay({ URLKEY: String(link.URLKEY) });
      tids.push(paid.payment.TID);
    }
    await control.resetRequests();

    const env = workerTestEnv(inject('redisUrl'), simulatorUrl, h.prefix, {
      COOKIEPAY_RATE_LIMIT_MAX: '20',
      COOKIEPAY_RATE_LIMIT_DURATION_MS: '1000',
      CONCURRENCY_URLPAY: '10',
      CONCURRENCY_DELIVERY: '10',
      CONCURRENCY_STATUS: '10',
    });
    processes.push(...(await Promise.all([1, 2, 3].map(() => spawnCli(['start'], env)))));

    const started = Date.now();
    await h.queue(queueNames.urlpay).addBulk(
      tids.map((_, i) => ({
        name: 'link',
        data: { PRODUCTNAME: '사과', AMOUNT: '5000', BUYERNAME: '정하준', BUYERHP: '01011112222' },
        opts: { jobId: `rl-link-${i}` },
      })),
    );
    await h
      .queue(queueNames.status)
      .addBulk(
        tids.map((tid, i) => ({ name: 'check', data: { TID: tid }, opts: { jobId: `rl-status-${i}` } })),
      );
    await h.queue(queueNames.delivery).addBulk(
      tids.map((tid, i) => ({
        name: 'ship',
        data: {
          TID: tid,
          AMOUNT: 1000 + i,
          RECEIVERNAME: '정하준',
          RECEIVERDATE: '20261120',
          RECEIVERELATION: '본인',
          PARCELNAME: 'CJ대한통운',
          WAYBILLNO: `6012345678${String(i).padStart(2, '0')}`,
          DELIVERYADDR: '서울특별시 중구 세종대로 110',
        },
        opts: { jobId: `rl-ship-${i}` },
      })),
    );
    const results = await h.waitForResults(300, 60_000);
    const elapsedS = (Date.now() - started) / 1000;
    expect(results.filter((r) => r.ok)).toHaveLength(300);

    const requests = await control.requests();
    const apiCalls = requests.filter((r) => r.endpoint !== '/payAuth/token');
    expect(apiCalls).toHaveLength(300);
    expect(requests.filter((r) => r.outcome === 'rate-limited')).toHaveLength(0);
    const busiest = maxInAnyWindow(
      requests.map((r) => r.at),
      1000,
    );
    console.log(
      `rate limit: ${requests.length} requests in ${elapsedS.toFixed(1)} s, busiest second ${busiest}`,
    );
    if (process.env.DEBUG_RATE) {
      const ats = requests.map((r) => r.at).sort((a, b) => a - b);
      console.log(JSON.stringify(ats.map((a) => a - (ats[0] ?? 0))));
    }
    expect(busiest).toBeLessThanOrEqual(20);
    expect(busiest).toBeGreaterThanOrEqual(15);
  }, 120_000);
});
