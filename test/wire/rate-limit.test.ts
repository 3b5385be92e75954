import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../src/contract/names.js';
import { createCookiePay } from '../../src/cookiepay/create-cookiepay.js';
import { canCaptureLoopback, startWireCapture, type WireCapture } from '../../src/dev/wire-capture.js';
import { createSimulatorControl, type SimulatorControl } from '../../src/simulator/control-client.js';
import { maxInAnyWindow, sustainedRate } from '../../src/simulator/request-rate.js';
import { deliveryJob, urlPayJob } from '../fixtures/jobs.js';
import { freePort } from '../helpers/find-redis.js';
import { createHarness, type Harness, testAccount, workerTestEnv } from '../helpers/harness.js';
import { waitUntil } from '../helpers/wait.js';
import { spawnCli, type WorkerProcess } from '../helpers/worker-process.js';

const testAccountEnv = { COOKIEPAY_API_ID: testAccount.apiId, COOKIEPAY_API_KEY: testAccount.apiKey };

/**
 * Judged where requests really leave: kernel timestamps of a loopback capture (tcpdump), not the simulator's own
 * clock in its busy event loop. CI installs tcpdump and runs as root; elsewhere, without a capture, the test falls
 * back to the simulator's arrival times and says so.
 */
const wire = canCaptureLoopback();
if (!wire && process.env.CI)
  throw new Error('CI must capture loopback: install tcpdump (apt-get install tcpdump), run as root');

describe('rate limit for the whole CookiePay account', () => {
  let h: Harness;
  const processes: WorkerProcess[] = [];
  let neighbour: ChildProcess | undefined;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    neighbour?.kill('SIGKILL');
    await h.close();
  });

  it('3 worker processes under 20 per second, 300 mixed jobs, a busy neighbour: never more than 20 leave in any second', async () => {
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
      const link = await client.urlPay(urlPayJob({ AMOUNT: 1000 + i, BILL_NO: `RL-${i}` }));
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
    // A neighbour process that takes a core for itself the whole time: the workers' event loops run late.
    neighbour = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    const capture: WireCapture | undefined = wire ? await startWireCapture(port) : undefined;
    processes.push(...(await Promise.all([1, 2, 3].map(() => spawnCli(['start'], env)))));

    const started = Date.now();
    await h.queue(queueNames.urlpay).addBulk(
      tids.map((_, i) => ({
        name: 'link',
        data: urlPayJob(),
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
        data: deliveryJob({
          TID: tid,
          AMOUNT: 1000 + i,
          WAYBILLNO: `6012345678${String(i).padStart(2, '0')}`,
        }),
        opts: { jobId: `rl-ship-${i}` },
      })),
    );
    // The jobs' own results (payment state changes are published beside them, as kind `payment`).
    const jobKinds = new Set(['urlpay', 'status', 'delivery']);
    const results = await waitUntil(
      async () => {
        const found = (await h.results()).filter((r) => jobKinds.has(r.kind));
        return found.length >= 300 ? found : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, message: '300 job results' },
    );
    const elapsedS = (Date.now() - started) / 1000;
    const onWire = await capture?.stop();
    neighbour.kill('SIGKILL');
    expect(results.filter((r) => r.ok)).toHaveLength(300);

    const requests = await control.requests();
    const apiCalls = requests.filter((r) => r.endpoint !== '/payAuth/token');
    expect(apiCalls).toHaveLength(300);
    expect(requests.filter((r) => r.outcome === 'rate-limited')).toHaveLength(0);
    const arrivals = requests.map((r) => r.at);
    // Every request the workers sent (token requests included), as the kernel saw it leave.
    const departures = onWire ? onWire.map((r) => r.at) : arrivals;
    if (onWire) expect(onWire).toHaveLength(requests.length);
    const busiest = maxInAnyWindow(departures, 1000);
    // The sustained rate of the calls the jobs made (the token request at the start is a cold start, not work).
    const apiDepartures = onWire
      ? onWire.filter((r) => r.path !== '/payAuth/token').map((r) => r.at)
      : apiCalls.map((r) => r.at);
    const sustained = sustainedRate(apiDepartures);
    console.log(
      `rate limit: ${departures.length} requests in ${elapsedS.toFixed(1)} s; ${onWire ? 'on the wire' : 'at the simulator (no capture)'}: ` +
        `busiest second ${busiest}, sustained ${sustained.toFixed(2)}/s; at the simulator: busiest ${maxInAnyWindow(arrivals, 1000)}`,
    );
    if (process.env.DEBUG_RATE) {
      const ats = [...departures].sort((a, b) => a - b);
      console.log(JSON.stringify(ats.map((a) => Math.round(a - (ats[0] ?? 0)))));
    }
    expect(busiest).toBeLessThanOrEqual(20);
    expect(sustained).toBeGreaterThanOrEqual(0.95 * 20);
  }, 120_000);
});
