import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InvalidPayloadError } from '../../../src/contract/invalid-payload-error.js';
import { cancelJobId } from '../../../src/contract/job-ids.js';
import { queueNames } from '../../../src/contract/names.js';
import type { JobResult } from '../../../src/contract/result-schema.js';
import { consumeResults } from '../../../src/intake/producer/consume-results.js';
import { cancelJob, deliveryJob, urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness, workerTestEnv } from '../../helpers/harness.js';
import { waitUntil } from '../../helpers/wait.js';
import { spawnCli } from '../../helpers/worker-process.js';

const link = urlPayJob({ AMOUNT: '19900', BUYERHP: '010-4444-5555' });

describe('producer API, results consumer and enqueue CLI', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  afterAll(async () => h.close());

  it('rejects invalid data before it reaches Redis, naming every field', async () => {
    const error = await h.producer
      .enqueueUrlPay({ PRODUCTNAME: 'x&y', AMOUNT: 0, BUYERNAME: '', BUYERHP: 'abc' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPayloadError);
    expect([...new Set((error as InvalidPayloadError).issues.map((i) => i.field))].sort()).toEqual(
      ['AMOUNT', 'BUYERHP', 'BUYERNAME', 'PRODUCTNAME'].sort(),
    );
    await expect(h.producer.enqueueStatusCheck({})).rejects.toThrow(/URLKEY is required/);
    await expect(h.producer.enqueueUrlPay(link, { jobId: 'has:colon' })).rejects.toThrow(
      /jobId must not contain ":"/,
    );
    expect(await h.queue(queueNames.urlpay).count()).toBe(0);
    expect(await h.queue(queueNames.status).count()).toBe(0);
  });

  it('the job id is the idempotency key: the same id twice adds one job', async () => {
    const a = await h.producer.enqueueUrlPay(link, { jobId: 'order-1001' });
    const b = await h.producer.enqueueUrlPay({ ...link, AMOUNT: 1 }, { jobId: 'order-1001' });
    expect(a).toBe('order-1001');
    expect(b).toBe('order-1001');
    expect(await h.queue(queueNames.urlpay).count()).toBe(1);
    const job = await h.queue(queueNames.urlpay).getJob('order-1001');
    expect(job?.data).toMatchObject({ AMOUNT: '19900', BUYERHP: '01044445555' });
    const shipment = deliveryJob();
    const d1 = await h.producer.enqueueDelivery(shipment);
    const d2 = await h.producer.enqueueDelivery(shipment);
    expect(d1).toBe(d2);
    expect(await h.queue(queueNames.delivery).count()).toBe(1);
  });

  it('enqueueCancel: the job id defaults to tid + amount (a double click refunds once); invalid data adds nothing', async () => {
    const refund = cancelJob({ tid: 'T-PRODUCER-1', amount: 3000 });
    const c1 = await h.producer.enqueueCancel(refund);
    const c2 = await h.producer.enqueueCancel({ ...refund, amount: '3000' });
    const full = await h.producer.enqueueCancel(cancelJob({ tid: 'T-PRODUCER-1' }));
    expect(c1).toBe(cancelJobId('T-PRODUCER-1', '3000'));
    expect(c2).toBe(c1);
    expect(full).toBe(cancelJobId('T-PRODUCER-1', undefined));
    expect(await h.queue(queueNames.cancel).count()).toBe(2);
    const error = await h.producer
      .enqueueCancel({ tid: '', reason: '', amount: '1,000' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPayloadError);
    expect((error as InvalidPayloadError).issues.map((i) => i.field).sort()).toEqual([
      'amount',
      'reason',
      'tid',
    ]);
    expect(await h.queue(queueNames.cancel).count()).toBe(2);
  });

  it('consumeResults hands each result, validated, to the handler', async () => {
    await h.startWorker();
    const seen: JobResult[] = [];
    const consumer = consumeResults({
      redisUrl: inject('redisUrl'),
      prefix: h.prefix,
      handler: (r) => void seen.push(r),
    });
    try {
      await waitUntil(() => seen.length >= 1, {
        timeoutMs: 10_000,
        message: 'a result handed to the handler',
      });
      expect(seen[0]).toMatchObject({ kind: 'urlpay', sourceJobId: 'order-1001', ok: true, code: '0000' });
      expect(seen[0]?.response?.PAYURL).toEqual(expect.stringContaining('/urlpay/'));
    } finally {
      await consumer.close();
    }
  });

  it('cookiepay-worker enqueue <kind> <file> validates and enqueues; bad data exits 1 naming the fields', async () => {
    const file = join(tmpdir(), `${h.prefix}-link.json`);
    await writeFile(file, JSON.stringify([link, { ...link, BILL_NO: 'CLI-2' }]));
    const env = workerTestEnv(inject('redisUrl'), h.simulator.url, h.prefix);
    const ok = await spawnCli(['enqueue', 'urlpay', file], env, 'urlpay job');
    expect((await ok.exited).code).toBe(0);
    expect(ok.output().match(/urlpay job /g)).toHaveLength(2);

    const badFile = join(tmpdir(), `${h.prefix}-bad.json`);
    await writeFile(badFile, JSON.stringify({ TID: 'X', AMOUNT: '1.5' }));
    const bad = await spawnCli(['enqueue', 'delivery', badFile], env, 'Invalid delivery job data');
    expect((await bad.exited).code).toBe(1);
    expect(bad.output()).toContain('AMOUNT');
    expect(bad.output()).toContain('WAYBILLNO');

    const refund = join(tmpdir(), `${h.prefix}-cancel.json`);
    await writeFile(refund, JSON.stringify({ tid: 'T-CLI-1', reason: '반품' }));
    for (let i = 0; i < 2; i++) {
      const cancel = await spawnCli(['enqueue', 'cancel', refund], env, 'cancel job');
      expect((await cancel.exited).code).toBe(0);
      expect(cancel.output()).toContain(`cancel job ${cancelJobId('T-CLI-1', undefined)}`);
    }
    expect(await h.queue(queueNames.cancel).getJob(cancelJobId('T-CLI-1', undefined))).toBeDefined();
  });
});
