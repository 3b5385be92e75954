import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../src/contract/names.js';
import { parseJobData } from '../../src/contract/parse-job-data.js';
import type { JobResult } from '../../src/contract/result-schema.js';
import { deliveryRequestSchema } from '../../src/cookiepay/schemas/delivery.js';
import { payCertRequestSchema, urlCertRequestSchema } from '../../src/cookiepay/schemas/payment-cert.js';
import { urlPayRequestSchema } from '../../src/cookiepay/schemas/url-pay.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { sleep } from '../helpers/wait.js';
import { payloadFor } from './arbitraries.js';

const kinds = ['urlpay', 'delivery', 'status'] as const;

const requestSchemas: Record<string, { safeParse: (value: unknown) => { success: boolean } }> = {
  '/urlpay/request': urlPayRequestSchema,
  '/escro/delivery_add': deliveryRequestSchema,
  '/api/urlcert': urlCertRequestSchema,
  '/api/paycert': payCertRequestSchema,
};

const job = fc.constantFrom(...kinds).chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    data: payloadFor(kind).map((d) => JSON.parse(JSON.stringify(d) ?? 'null') as unknown),
  }),
);

describe('fuzz: the worker on fuzzed job data', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    await h.startWorker({
      RETRY_ATTEMPTS: '2',
      RETRY_BACKOFF_MS: '10',
      STATUS_POLL_INTERVAL_MS: '50',
      STATUS_POLL_TIMEOUT_MS: '200',
      CONCURRENCY_URLPAY: '20',
      CONCURRENCY_DELIVERY: '20',
      CONCURRENCY_STATUS: '20',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('every fuzzed job ends with exactly one result; only valid data reaches CookiePay', async () => {
    let run = 0;
    let expectedTotal = 0;
    const codes: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(job, { minLength: 1, maxLength: 8 }), async (jobs) => {
        run += 1;
        const added = jobs.map((j, i) => ({ ...j, id: `fz-${run}-${i}` }));
        for (const j of added) await h.queue(queueNames[j.kind]).add('fuzz', j.data, { jobId: j.id });
        expectedTotal += added.length;
        const results = await h.waitForResults(expectedTotal, 15_000);
        await sleep(50);
        const mine = new Map<string, JobResult[]>();
        for (const r of await h.results()) {
          if (!r.sourceJobId.startsWith(`fz-${run}-`)) continue;
          mine.set(r.sourceJobId, [...(mine.get(r.sourceJobId) ?? []), r]);
        }
        expect(results.length).toBeGreaterThanOrEqual(expectedTotal);
        for (const j of added) {
          const got = mine.get(j.id) ?? [];
          expect(got, j.id).toHaveLength(1);
          const result = got[0] as JobResult;
          codes[result.code] = (codes[result.code] ?? 0) + 1;
          let valid = true;
          try {
            parseJobData(j.kind, j.data);
          } catch {
            valid = false;
          }
          if (valid) expect(result.code).not.toBe('INVALID_PAYLOAD');
          else expect(result).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', attempts: 0 });
        }
      }),
      // No shrinking: each run waits on real queues; the failing seed and case are printed as they are.
      { numRuns: 30, endOnFailure: true },
    );
    const requests = await h.simulator.control.requests();
    const rejected = requests.filter((r) => {
      const schema = requestSchemas[r.endpoint];
      return schema !== undefined && !schema.safeParse(r.body).success;
    });
    console.log(
      `[fuzz] worker: jobs=${expectedTotal} codes=${JSON.stringify(codes)} requests=${requests.length} ` +
        `invalidRequests=${rejected.length}`,
    );
    expect(rejected.map((r) => ({ endpoint: r.endpoint, body: r.body }))).toEqual([]);
    const unknown = requests.filter(
      (r) => r.endpoint !== '/payAuth/token' && !(r.endpoint in requestSchemas),
    );
    expect(unknown.map((r) => r.endpoint)).toEqual([]);
  }, 60_000);
});
