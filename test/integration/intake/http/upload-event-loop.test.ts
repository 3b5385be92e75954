import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UploadReport } from '../../../../src/batches/batch-types.js';
import { createLogger } from '../../../../src/config/logger.js';
import { createBatchService } from '../../../../src/intake/http/batch-service.js';
import { basicAuth, boardUser, createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';
import { sleep } from '../../../helpers/wait.js';

const good = basicAuth(boardUser.username, boardUser.password);
const header = 'TID,AMOUNT,RECEIVERNAME,RECEIVERDATE,RECEIVERELATION,PARCELNAME,WAYBILLNO,DELIVERYADDR\n';

/** `count` rows, each refused (AMOUNT 0). */
const badRowsCsv = (count: number): Buffer =>
  Buffer.from(
    header +
      Array.from({ length: count }, (_, index) => `T${index},0,홍길동,20250115,본인,CJ,${index},서울\n`).join(
        '',
      ),
  );

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/**
 * Issue 12: 100,001 bad rows blocked /healthz for 6.8 s (the whole report built in one go). The upload checks
 * rows in slices of 10 ms at most, and answers a bounded report.
 */
describe('http: a 300,000-bad-row upload does not block the event loop', () => {
  let h: HttpHarness;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
  });
  afterAll(async () => h.close());

  it('keeps /healthz p99 under 100 ms meanwhile, and answers a bounded report', async () => {
    const service = createBatchService({
      connection: h.redis,
      prefix: h.prefix,
      queues: h.queues,
      logger: createLogger({ level: 'silent' }),
    });
    const app = await h.app({ uploadMaxBytes: 50 * 1024 * 1024 }, service);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const body = badRowsCsv(300_000);
    const latencies: number[] = [];
    let uploading = true;
    const poll = (async () => {
      while (uploading) {
        const started = performance.now();
        const answer = await fetch(`${base}/healthz`);
        await answer.arrayBuffer();
        latencies.push(performance.now() - started);
        await sleep(5);
      }
    })();
    const started = performance.now();
    const response = await fetch(`${base}/batches/shipments?dryRun=true`, {
      method: 'POST',
      headers: { authorization: good, 'content-type': 'text/csv' },
      body,
    });
    const text = await response.text();
    const uploadMs = performance.now() - started;
    uploading = false;
    await poll;
    expect(response.status).toBe(200);
    const report = JSON.parse(text) as UploadReport;
    expect(report).toMatchObject({ rows: 300_000, accepted: 0, rejectedCount: 300_000 });
    expect(report.rejected).toHaveLength(1_000);
    expect(text.length).toBeLessThan(500_000);
    const p99 = percentile(latencies, 99);
    console.log(
      `300,000 bad rows (${(body.length / 1e6).toFixed(1)} MB): upload ${uploadMs.toFixed(0)} ms, answer ` +
        `${text.length} bytes; /healthz ${latencies.length} polls p50 ${percentile(latencies, 50).toFixed(1)} ms ` +
        `p99 ${p99.toFixed(1)} ms max ${Math.max(...latencies).toFixed(1)} ms`,
    );
    expect(latencies.length).toBeGreaterThan(10);
    expect(p99).toBeLessThan(100);
  }, 120_000);
});
