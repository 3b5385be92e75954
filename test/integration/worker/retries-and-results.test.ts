import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../../src/contract/names.js';
import type { WorkerRuntime } from '../../../src/main/worker-runtime.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness } from '../../helpers/harness.js';
import { resultOf } from '../../helpers/result-kinds.js';
import { sleep } from '../../helpers/wait.js';

const validLink = urlPayJob();

describe('worker: retries, results, validation', () => {
  let h: Harness;
  let runtime: WorkerRuntime;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    runtime = await h.startWorker({ RETRY_ATTEMPTS: '4' });
  });
  afterAll(async () => {
    await runtime.close();
    await h.close();
  });

  it('retries a bare queue.add job answered non-0000 twice and ends ok after 3 attempts with one result', async () => {
    await h.simulator.control.resetRequests();
    await h.simulator.control.script('/urlpay/request', [
      { resultCode: 'E501', resultMessage: '일시적 오류' },
      { resultCode: 'E502', resultMessage: '일시적 오류' },
    ]);
    const job = await h.queue(queueNames.urlpay).add('link', validLink);
    const [result] = (await h.waitForResults(1)).filter((r) => r.sourceJobId === job.id);
    expect(result).toMatchObject({
      kind: 'urlpay',
      ok: true,
      code: '0000',
      attempts: 3,
      sourceQueue: queueNames.urlpay,
    });
    expect(result?.response?.URLKEY).toEqual(expect.any(String));
    const done = await Job.fromId(h.queue(queueNames.urlpay), String(job.id));
    expect(await done?.getState()).toBe('completed');
    expect(done?.attemptsMade).toBe(3);
    const requests = await h.simulator.control.requests({ endpoint: '/urlpay/request' });
    expect(requests).toHaveLength(3);
    const billNos = new Set(requests.map((r) => (r.body as { BILL_NO?: string }).BILL_NO));
    expect(billNos.size).toBe(1);
    expect([...billNos][0]).toMatch(/^[0-9A-Z]{1,20}$/);
    expect(resultOf('urlpay', result).billNo).toBe([...billNos][0]);
    await sleep(200);
    expect((await h.results()).filter((r) => r.sourceJobId === job.id)).toHaveLength(1);
  });

  it('fails after the last attempt, keeps a failed job and publishes the failure once', async () => {
    await h.simulator.control.script(
      '/urlpay/request',
      Array.from({ length: 4 }, () => ({ resultCode: 'E777', resultMessage: '가맹점 설정 오류' })),
    );
    const job = await h.queue(queueNames.urlpay).add('link', { ...validLink, BILL_NO: 'FAIL-1' });
    const results = await h.waitForResults(2);
    const result = results.find((r) => r.sourceJobId === job.id);
    expect(result).toMatchObject({ ok: false, code: 'E777', attempts: 4 });
    expect(result?.message).toContain('가맹점 설정 오류');
    const failed = await Job.fromId(h.queue(queueNames.urlpay), String(job.id));
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.failedReason).toContain('E777');
  });

  it("lets a job's own attempts win over the worker's policy", async () => {
    await h.simulator.control.script('/urlpay/request', [
      { resultCode: 'E888' },
      { resultCode: 'E888' },
      { resultCode: 'E888' },
    ]);
    const job = await h
      .queue(queueNames.urlpay)
      .add('link', { ...validLink, BILL_NO: 'OWN-ATTEMPTS' }, { attempts: 2 });
    const results = await h.waitForResults(3);
    expect(results.find((r) => r.sourceJobId === job.id)).toMatchObject({
      ok: false,
      code: 'E888',
      attempts: 2,
    });
    await h.simulator.control.clearScript();
  });

  it('retries transport failures too (HTTP 500, dropped connection) and then succeeds', async () => {
    await h.simulator.control.script('/urlpay/request', [{ httpStatus: 500 }, { drop: true }]);
    const job = await h.queue(queueNames.urlpay).add('link', { ...validLink, BILL_NO: 'TRANSPORT-1' });
    const results = await h.waitForResults(4);
    expect(results.find((r) => r.sourceJobId === job.id)).toMatchObject({
      ok: true,
      code: '0000',
      attempts: 3,
    });
  });

  it('never sends invalid data: no request, no retry, result INVALID_PAYLOAD with the field list', async () => {
    await h.simulator.control.resetRequests();
    const job = await h.queue(queueNames.urlpay).add('bad', {
      PRODUCTNAME: 'A & B',
      AMOUNT: '12,000',
      BUYERNAME: '김하늘',
      BUYERHP: '010-12',
      API_ID: 'smuggled',
    });
    const delivery = await h
      .queue(queueNames.delivery)
      .add('bad', { TID: 'T1', AMOUNT: 0, RECEIVERDATE: '20250230' });
    const results = await h.waitForResults(6);
    const urlpay = results.find((r) => r.sourceJobId === job.id);
    expect(urlpay).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', attempts: 0, response: null });
    const dlv = results.find((r) => r.sourceJobId === delivery.id);
    expect(dlv).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', attempts: 0 });
    expect(dlv?.issues?.map((i) => i.field)).toEqual(
      expect.arrayContaining([
        'AMOUNT',
        'RECEIVERNAME',
        'RECEIVERDATE',
        'PARCELNAME',
        'WAYBILLNO',
        'DELIVERYADDR',
      ]),
    );
    const failed = await Job.fromId(h.queue(queueNames.delivery), String(delivery.id));
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.attemptsMade).toBe(1);
    expect(await h.simulator.control.requests()).toHaveLength(0);
  });
});
