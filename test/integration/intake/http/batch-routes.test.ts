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
        rejectedCount: 0,
        rejectedByReason: [],
        encoding: 'utf-8',
      } satisfies UploadReport;
    },
    async status(id) {
      return id === 'b1' ? ({ batchId: 'b1' } as BatchStatus) : null;
    },
    async rejectedCsv() {
      return null;
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

  it.each([
    ['?dryRun=TRUE', 'dryRun'],
    ['?dryRun=yes', 'dryRun'],
    ['?dryRun=1', 'dryRun'],
    ['?dryRun=', 'dryRun'],
    ['?dryRun', 'dryRun'],
    ['?dryrun=true', 'dryrun'],
    ['?dryRun[]=true', 'dryRun[]'],
    ['?dryRun=true&dryRun=true', 'dryRun'],
    ['?dryRun=true&dryRun=false', 'dryRun'],
    ['?dryRun=true&force=true', 'force'],
  ])('refuses the query %s with a 400 naming %s, and uploads nothing', async (query, parameter) => {
    const service = countingService();
    const app = await h.app({}, service);
    const response = await upload(app, good, query);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'INVALID_QUERY', parameter });
    expect(response.json().message).toContain(parameter);
    expect(service.bytes).toEqual([]);
  });

  it('takes dryRun=false as a real upload, and refuses query parameters on the GET routes', async () => {
    const service = countingService();
    const app = await h.app({}, service);
    expect((await upload(app, good, '?dryRun=false')).statusCode).toBe(202);
    for (const url of ['/batches/b1?verbose=true', '/batches/b1/rejected.csv?all=1']) {
      const response = await app.inject({ url, headers: { authorization: good } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('INVALID_QUERY');
    }
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

  const realService = (reportRejectedRows?: number) =>
    createBatchService({
      connection: h.redis,
      prefix: h.prefix,
      queues: h.queues,
      logger: createLogger({ level: 'silent' }),
      ...(reportRejectedRows === undefined ? {} : { reportRejectedRows }),
    });
  const header = 'TID,AMOUNT,RECEIVERNAME,RECEIVERDATE,RECEIVERELATION,PARCELNAME,WAYBILLNO,DELIVERYADDR\n';
  const badRows = (count: number) =>
    header +
    Array.from(
      { length: count },
      (_, index) => `T${index},0,홍길동,20250115,본인,CJ,${900_000 + index},서울\n`,
    ).join('');

  it('bounds the report: the first N rejected rows, counts by field and reason; all rows as a CSV download', async () => {
    const app = await h.app({ uploadMaxBytes: 1_000_000 }, realService(5));
    const response = await app.inject({
      method: 'POST',
      url: '/batches/shipments',
      headers: { authorization: good, 'content-type': 'text/csv' },
      payload: badRows(1_200),
    });
    expect(response.statusCode).toBe(202);
    const report = response.json() as UploadReport;
    expect(report.rejected).toHaveLength(5);
    expect(report.rejectedCount).toBe(1_200);
    expect(report.rejectedByReason).toEqual([{ field: 'AMOUNT', reason: expect.any(String), count: 1_200 }]);
    const csvAnswer = await app.inject({
      url: `/batches/${report.batchId}/rejected.csv`,
      headers: { authorization: good },
    });
    expect(csvAnswer.statusCode).toBe(200);
    expect(csvAnswer.headers['content-type']).toContain('text/csv');
    const lines = csvAnswer.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('line,field,reason');
    expect(lines).toHaveLength(1_201);
    expect(lines[1]).toMatch(/^2,"AMOUNT",".+"$/);
    expect(lines.at(-1)).toMatch(/^1201,"AMOUNT",/);
    const missing = await app.inject({
      url: '/batches/b-nope/rejected.csv',
      headers: { authorization: good },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lists 1,000 rejected rows by default', async () => {
    const app = await h.app({ uploadMaxBytes: 1_000_000 }, realService());
    const response = await app.inject({
      method: 'POST',
      url: '/batches/shipments?dryRun=true',
      headers: { authorization: good, 'content-type': 'text/csv' },
      payload: badRows(1_500),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rejectedCount: 1_500 });
    expect((response.json() as UploadReport).rejected).toHaveLength(1_000);
  });

  it('caps what a 400 echoes of a huge header line', async () => {
    const app = await h.app({ uploadMaxBytes: 20_000_000 }, realService());
    const huge = `${'X'.repeat(10_000_000)},${Array.from({ length: 500 }, (_, i) => `C${i}`).join(',')}\n`;
    const response = await app.inject({
      method: 'POST',
      url: '/batches/shipments',
      headers: { authorization: good, 'content-type': 'text/csv' },
      payload: huge,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('INVALID_FILE');
    expect(response.body.length).toBeLessThan(4_096);
  });

  it('refuses a Latin-1 file with 400, naming the encodings accepted', async () => {
    const app = await h.app({ uploadMaxBytes: 1_000_000 }, realService());
    const response = await app.inject({
      method: 'POST',
      url: '/batches/shipments',
      headers: { authorization: good, 'content-type': 'text/csv' },
      payload: Buffer.from(`${header}T1,15000,Jérôme,20250115,self,CJ,300000000001,Paris\n`, 'latin1'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'INVALID_FILE', problem: 'encoding' });
    expect(response.json().message).toMatch(/UTF-8.*CP949/);
  });
});
