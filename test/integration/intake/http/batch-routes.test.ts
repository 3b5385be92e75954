import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BatchStatus, UploadReport } from '../../../../src/batches/batch-types.js';
import { createLogger } from '../../../../src/config/logger.js';
import { createBatchService } from '../../../../src/intake/http/batch-service.js';
import type { BatchService } from '../../../../src/intake/http/http-deps.js';
import { basicAuth, boardUser, createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';

const good = basicAuth(boardUser.username, boardUser.password);
const csv = readFileSync(new URL('../../../fixtures/shipments-utf8.csv', import.meta.url));

/** Reads the whole stream, so the routes' size limit applies; answers a fixed report. */
const countingService = (): BatchService & { bytes: number[] } => {
  const bytes: number[] = [];
  return {
    bytes,
    async upload(source: Readable, { dryRun }) {
      let total = 0;
      for await (const chunk of source) total += (chunk as Buffer).length;
      bytes.push(total);
      return {
        batchId: 'b1',
        dryRun,
        rows: 1,
        accepted: 1,
        alreadyEnqueued: 0,
        rejected: [],
        encoding: 'utf-8',
      } satisfies UploadReport;
    },
    async status(id) {
      return id === 'b1' ? ({ batchId: 'b1' } as BatchStatus) : null;
    },
  };
};

describe('http: batch upload routes', () => {
  let h: HttpHarness;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
  });
  afterAll(async () => h.close());

  const upload = (app: Awaited<ReturnType<HttpHarness['app']>>, authorization?: string, query = '') =>
    app.inject({
      method: 'POST',
      url: `/batches/shipments${query}`,
      headers: { 'content-type': 'text/csv', ...(authorization ? { authorization } : {}) },
      payload: csv,
    });

  it('requires the board credentials: 401 without or with wrong ones, 200 with', async () => {
    const service = countingService();
    const app = await h.app({}, service);
    expect((await upload(app)).statusCode).toBe(401);
    expect((await upload(app, basicAuth('ops', 'wrong'))).statusCode).toBe(401);
    expect((await app.inject({ url: '/batches/b1' })).statusCode).toBe(401);
    const dry = await upload(app, good, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true });
    expect(service.bytes).toEqual([csv.length]);
    expect((await upload(app, good)).statusCode).toBe(202);
    expect((await app.inject({ url: '/batches/b1', headers: { authorization: good } })).statusCode).toBe(200);
    const missing = await app.inject({ url: '/batches/nope', headers: { authorization: good } });
    expect(missing.statusCode).toBe(404);
  });

  it('takes a multipart file too', async () => {
    const service = countingService();
    const app = await h.app({}, service);
    const boundary = 'x-boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      csv,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/batches/shipments?dryRun=true',
      headers: { authorization: good, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(service.bytes).toEqual([csv.length]);
  });

  it('refuses a file beyond UPLOAD_MAX_BYTES with 413', async () => {
    const app = await h.app({ uploadMaxBytes: 1_024 }, countingService());
    const big = Buffer.alloc(5_000, 'a');
    const response = await app.inject({
      method: 'POST',
      url: '/batches/shipments',
      headers: { authorization: good, 'content-type': 'text/csv' },
      payload: big,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe('UPLOAD_TOO_LARGE');
  });

  it('uploads through the shipment upload: a dry run reports the rows, a real upload is found by its id', async () => {
    const service = createBatchService({
      connection: h.redis,
      prefix: h.prefix,
      queues: h.queues,
      logger: createLogger({ level: 'silent' }),
    });
    const app = await h.app({ uploadMaxBytes: 1_000_000 }, service);
    const dry = await upload(app, good, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 3, accepted: 3, rejected: [] });
    const real = await upload(app, good);
    expect(real.statusCode).toBe(202);
    const { batchId } = real.json() as UploadReport;
    const status = await app.inject({ url: `/batches/${batchId}`, headers: { authorization: good } });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ batchId, total: 3 });
    const broken = await app.inject({
      method: 'POST',
      url: '/batches/shipments',
      headers: { authorization: good, 'content-type': 'text/csv' },
      payload: readFileSync(new URL('../../../fixtures/shipments-unknown-column.csv', import.meta.url)),
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toBe('INVALID_FILE');
  });
});
