import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../../src/config/logger.js';
import type { NotificationRecord } from '../../../../src/contract/notification-job.js';
import { urlPayFieldsSchema } from '../../../../src/cookiepay/schemas/url-pay.js';
import { buildHttpApp } from '../../../../src/intake/http/build-app.js';
import { notificationAnswer, notificationPath } from '../../../../src/intake/http/notification-route.js';
import { createMetrics } from '../../../../src/metrics/create-metrics.js';
import { urlPayJob } from '../../../fixtures/jobs.js';
import { createHarness, type Harness, testAccount, workerTestEnv } from '../../../helpers/harness.js';
import { isResultOf } from '../../../helpers/result-kinds.js';
import { waitUntil } from '../../../helpers/wait.js';
import { spawnCli, type WorkerProcess } from '../../../helpers/worker-process.js';

describe('notifications: kept before the answer, verified from the account’s own share', () => {
  let h: Harness;
  const spawned: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    for (const cli of spawned) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await h.close();
  });

  it('survives the receiver’s process being killed right after its 200: a worker started later verifies it', async () => {
    const receiver = await spawnCli(
      ['http'],
      workerTestEnv(inject('redisUrl'), h.simulator.url, h.prefix),
      'http listening',
    );
    spawned.push(receiver);
    const url = /"url":"(http:\/\/[^"]+)"/.exec(receiver.output())?.[1];
    expect(url).toBeDefined();
    await h.simulator.control.setNotificationUrl(`${url}${notificationPath}`);
    const { URLKEY } = await h.cookiepay().urlPay(urlPayFieldsSchema.parse(urlPayJob({ AMOUNT: 18000 })));
    // The simulator POSTs the notification, the receiver answers 200 … and dies at once, no worker running.
    const { payment, notification } = await h.simulator.control.pay({ URLKEY: URLKEY ?? '' });
    receiver.child.kill('SIGKILL');
    await receiver.exited;
    expect(notification).toMatchObject({ delivered: true, status: 200 });
    const [job] = await h.queues.notifications.getJobs(['wait']);
    if (!job) throw new Error('no notification job was stored');
    expect((job.data as NotificationRecord).rawBody).toContain(payment.TID);

    const worker = await h.startWorker();
    const result = await waitUntil(
      async () =>
        (await h.results()).filter(isResultOf('notification')).find((r) => r.sourceJobId === job.id),
      { timeoutMs: 15_000, message: 'the notification’s result' },
    );
    expect(result).toMatchObject({ verified: true, paymentStatus: 'paid', response: { TID: payment.TID } });
    await worker.close();
  });

  it('verifies notifications within their share of the account (NOTIFICATION_RATE_SHARE)', async () => {
    await h.reset();
    // 10 requests/s for the account, 20% for verifications: 2 paycert calls a second, whatever the backlog.
    await h.startWorker({ COOKIEPAY_RATE_LIMIT_MAX: '10', NOTIFICATION_RATE_SHARE: '0.2' });
    const app = await buildHttpApp({
      queues: h.queues,
      redis: h.redis,
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
      settings: {
        boardAuth: 'on',
        boardReadOnly: true,
        notificationBodyLimitBytes: 4_096,
        uploadMaxBytes: 4_096,
      },
    });
    try {
      const forged = 7;
      for (let i = 0; i < forged; i++) {
        const payload = JSON.stringify({ API_ID: testAccount.apiId, TID: `SHARE${i}`, AMOUNT: '1000' });
        const response = await app.inject({ method: 'POST', url: notificationPath, payload });
        expect(response.body).toBe(notificationAnswer);
      }
      await waitUntil(async () => (await h.results()).length >= forged, {
        timeoutMs: 20_000,
        message: `${forged} results`,
      });
      const requests = await h.simulator.control.requests({ endpoint: '/api/paycert' });
      const calls = requests.map((r) => r.at);
      // Each unknown TID's E006 suspects the TOKEN: one repeat with a fresh one (client.ts), so two calls or more.
      const tids = requests.map((r) => (r.body as { tid?: string }).tid);
      expect(new Set(tids).size).toBe(forged);
      expect(calls.length).toBeGreaterThanOrEqual(2 * forged);
      // No 1-s window holds more than the share; 14 calls at 2 a second take at least 6 s.
      const busiest = Math.max(
        ...calls.map((at) => calls.filter((other) => other >= at && other < at + 1_000).length),
      );
      expect(busiest).toBeLessThanOrEqual(2);
      expect(Math.max(...calls) - Math.min(...calls)).toBeGreaterThanOrEqual(5_900);
    } finally {
      await app.close();
    }
  });
});
