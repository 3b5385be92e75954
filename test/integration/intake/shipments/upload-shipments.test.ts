import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getBatchStatus } from '../../../../src/batches/batch-status.js';
import { batchKeys, openBatchesKey } from '../../../../src/batches/batch-store.js';
import { createLogger } from '../../../../src/config/logger.js';
import { type CookiePayQueues, closeQueues, createQueues } from '../../../../src/contract/create-queues.js';
import { deliveryJobId } from '../../../../src/contract/job-ids.js';
import { BatchFileError } from '../../../../src/intake/shipments/batch-errors.js';
import { checkShipments, uploadShipments } from '../../../../src/intake/shipments/upload-shipments.js';
import { createRedisConnection } from '../../../../src/redis/connection.js';
import type { RedisClient } from '../../../../src/redis/redis-client.js';
import { deleteKeys, keysMatching, testPrefix } from '../../../helpers/harness.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));
const fromFile = (name: string) => createReadStream(fixture(name), { highWaterMark: 7 });

describe('uploadShipments (real Redis, no worker)', () => {
  const prefix = testPrefix();
  let redis: RedisClient;
  let queues: CookiePayQueues;
  let deps: Parameters<typeof uploadShipments>[0];

  const keysUnderPrefix = () => keysMatching(redis, `${prefix}:*`);
  const deliveryCount = () => queues.delivery.getJobCountByTypes('wait', 'delayed', 'active', 'prioritized');

  beforeAll(() => {
    redis = createRedisConnection(inject('redisUrl'), 'worker');
    queues = createQueues(redis, prefix);
    deps = { connection: redis, prefix, queues, logger: createLogger({ level: 'silent' }) };
  });
  afterAll(async () => {
    await closeQueues(queues);
    await deleteKeys(redis, `${prefix}:*`);
    await redis.quit();
  });

  it("reads a UTF-8 file with the manual's names, enqueues every row and records the batch", async () => {
    const progress: number[] = [];
    const report = await uploadShipments(
      { ...deps, chunkSize: 2 },
      { source: fromFile('shipments-utf8.csv'), onProgress: (p) => progress.push(p.rows) },
    );
    expect(report).toMatchObject({ dryRun: false, rows: 3, accepted: 3, alreadyEnqueued: 0, rejected: [] });
    expect(report.encoding).toBe('utf-8');
    expect(report.batchId).toMatch(/^b-[0-9a-z]+-[0-9a-f]+$/);
    expect(progress.at(-1)).toBe(3);
    const job = await queues.delivery.getJob(deliveryJobId('T2025_0002', '100000000002'));
    expect(job?.name).toBe('delivery');
    expect(job?.data).toEqual({
      TID: 'T2025_0002',
      AMOUNT: '32000',
      RECEIVERNAME: '김하늘',
      RECEIVERDATE: '20250116',
      RECEIVERELATION: '가족',
      PARCELNAME: '한진택배',
      WAYBILLNO: '100000000002',
      DELIVERYADDR: '부산광역시 해운대구 센텀로 1, 101동',
    });
    expect(await deliveryCount()).toBe(3);

    const keys = batchKeys(prefix, report.batchId);
    expect(await redis.hget(keys.batch, 'status')).toBe('open');
    expect(await redis.hgetall(keys.jobs)).toEqual({
      [deliveryJobId('T2025_0001', '100000000001')]: '2',
      [deliveryJobId('T2025_0002', '100000000002')]: '3',
      [deliveryJobId('T2025_0003', '100000000003')]: '4',
    });
    expect(await redis.scard(keys.pending)).toBe(3);
    expect(await redis.sismember(openBatchesKey(prefix), report.batchId)).toBe(1);
    const ttl = await redis.ttl(keys.batch);
    // RETENTION_BATCHES_AGE_S, 7 days by default.
    expect(ttl).toBeGreaterThan(7 * 24 * 3600 - 60);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);

    const status = await getBatchStatus(deps, report.batchId);
    expect(status).toMatchObject({
      total: 3,
      waiting: 3,
      succeeded: 0,
      failed: [],
      rejected: 0,
      done: false,
    });
  });

  it('adds nothing when the same file is uploaded again: every row is already enqueued', async () => {
    const before = await deliveryCount();
    const report = await uploadShipments(deps, { source: fromFile('shipments-utf8.csv') });
    expect(report).toMatchObject({ rows: 3, accepted: 3, alreadyEnqueued: 3 });
    expect(await deliveryCount()).toBe(before);
    // The second batch follows the same jobs.
    expect(await getBatchStatus(deps, report.batchId)).toMatchObject({ total: 3, waiting: 3 });
  });

  it('reads UTF-8 with a BOM and spaces around the headers (CRLF)', async () => {
    const report = await uploadShipments(deps, { source: fromFile('shipments-utf8-bom.csv') });
    expect(report).toMatchObject({ encoding: 'utf-8-bom', rows: 2, accepted: 2, rejected: [] });
    const job = await queues.delivery.getJob(deliveryJobId('T2025_0101', '200000000001'));
    expect(job?.data.TID).toBe('T2025_0101');
  });

  it('reads CP949 with the Korean labels (suffixed ones too), split into small chunks', async () => {
    const csv =
      'PG 거래 고유번호,결제금액(원),실수령자,실수령일(YYYYMMDD),실수령자와의 관계,택배사명,운송장번호,배송지주소,상품코드\r\n' +
      'T2025_0301,15000,홍길동,20250115,본인,CJ대한통운,400000000001,서울특별시 중구 세종대로 110,상품-1\r\n' +
      'T2025_0302,7000,김하늘,20250116,배우자,한진택배,400000000002,"경기도 성남시 분당구 판교역로 4",\r\n';
    const bytes = iconv.encode(csv, 'cp949');
    const chunks = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) =>
      bytes.subarray(i * 5, i * 5 + 5),
    );
    const report = await uploadShipments(deps, { source: Readable.from(chunks) });
    expect(report).toMatchObject({ encoding: 'cp949', rows: 2, accepted: 2, rejected: [] });
    const job = await queues.delivery.getJob(deliveryJobId('T2025_0301', '400000000001'));
    expect(job?.data).toMatchObject({
      RECEIVERNAME: '홍길동',
      PARCELNAME: 'CJ대한통운',
      DELIVERYADDR: '서울특별시 중구 세종대로 110',
      PRODUCTCODE: '상품-1',
    });
  });

  it('reports every bad row with its line, field and reason, and still enqueues the valid ones', async () => {
    const report = await uploadShipments(deps, { source: fromFile('shipments-bad-rows.csv') });
    expect(report).toMatchObject({ rows: 6, accepted: 2, alreadyEnqueued: 0 });
    expect(report.rejected).toEqual([
      { line: 3, issues: [{ field: '(row)', reason: 'has 1 more value than the header has columns' }] },
      {
        line: 4,
        issues: expect.arrayContaining([
          { field: 'AMOUNT', reason: 'must be above 0' },
          { field: 'RECEIVERDATE', reason: 'is not a real calendar date' },
        ]),
      },
      { line: 6, issues: [{ field: 'PARCELNAME', reason: 'is required' }] },
      {
        line: 8,
        issues: expect.arrayContaining([
          { field: 'TID', reason: 'must contain letters, digits, "-" or "_" only' },
          { field: 'RECEIVERNAME', reason: 'is required' },
        ]),
      },
    ]);
    expect(await queues.delivery.getJob(deliveryJobId('T2025_0201', '300000000001'))).toBeDefined();
    expect(await queues.delivery.getJob(deliveryJobId('T2025_0206', '300000000006'))).toBeDefined();
    const status = await getBatchStatus(deps, report.batchId);
    expect(status).toMatchObject({ total: 2, rejected: 4, rows: 6 });
    expect(status?.rejectedRows).toEqual(report.rejected);
  });

  it('counts a shipment repeated within the file once (the later row is already enqueued)', async () => {
    const csv =
      'TID,AMOUNT,RECEIVERNAME,RECEIVERDATE,RECEIVERELATION,PARCELNAME,WAYBILLNO,DELIVERYADDR\n' +
      'T2025_0401,1000,홍길동,20250115,본인,CJ대한통운,500000000001,서울\n'.repeat(3);
    const report = await uploadShipments(
      { ...deps, chunkSize: 2 },
      { source: Readable.from([Buffer.from(csv)]) },
    );
    expect(report).toMatchObject({ rows: 3, accepted: 3, alreadyEnqueued: 2 });
    expect(await redis.hgetall(batchKeys(prefix, report.batchId).jobs)).toEqual({
      [deliveryJobId('T2025_0401', '500000000001')]: '2',
    });
  });

  it('keeps the first line of each shipment and exact counts while several chunks are on their way', async () => {
    // 60 rows of 20 shipments, each three times and far apart, in chunks of 4: the repeats land in other chunks.
    const header = 'TID,AMOUNT,RECEIVERNAME,RECEIVERDATE,RECEIVERELATION,PARCELNAME,WAYBILLNO,DELIVERYADDR\n';
    const row = (i: number) =>
      `T2025_05${String(i).padStart(2, '0')},1000,홍길동,20250115,본인,CJ대한통운,6000000000${String(i).padStart(2, '0')},서울\n`;
    const rows = [0, 1, 2].flatMap(() => Array.from({ length: 20 }, (_, i) => row(i)));
    const before = await deliveryCount();
    const report = await uploadShipments(
      { ...deps, chunkSize: 4 },
      { source: Readable.from([Buffer.from(header + rows.join(''))]) },
    );
    expect(report).toMatchObject({ rows: 60, accepted: 60, alreadyEnqueued: 40 });
    expect(await deliveryCount()).toBe(before + 20);
    const keys = batchKeys(prefix, report.batchId);
    const lines = await redis.hgetall(keys.jobs);
    expect(Object.keys(lines)).toHaveLength(20);
    for (let i = 0; i < 20; i++) {
      expect(
        lines[
          deliveryJobId(`T2025_05${String(i).padStart(2, '0')}`, `6000000000${String(i).padStart(2, '0')}`)
        ],
      ).toBe(String(i + 2));
    }
    expect(await redis.scard(keys.pending)).toBe(20);
    expect(await redis.hgetall(keys.batch)).toMatchObject({
      rows: '60',
      accepted: '60',
      added: '20',
      alreadyEnqueued: '40',
    });
  });

  it('refuses a file with an unknown column before anything is stored', async () => {
    const before = (await keysUnderPrefix()).length;
    const error = await uploadShipments(deps, { source: fromFile('shipments-unknown-column.csv') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BatchFileError);
    expect((error as Error).message).toContain('unknown column "메모"');
    expect((error as Error).message).toContain('missing columns RECEIVERDATE');
    expect((await keysUnderPrefix()).length).toBe(before);
  });

  it('validates only on a dry run: no Redis write at all', async () => {
    const other = testPrefix();
    const dryQueues = createQueues(redis, other);
    try {
      const report = await uploadShipments(
        { ...deps, prefix: other, queues: dryQueues },
        { source: fromFile('shipments-bad-rows.csv'), dryRun: true },
      );
      expect(report).toMatchObject({ dryRun: true, rows: 6, accepted: 2, alreadyEnqueued: 0 });
      expect(report.rejected).toHaveLength(4);
      // Only the queues' own meta keys, which BullMQ writes when a Queue is created (by this test).
      expect((await keysMatching(redis, `${other}:*`)).filter((key) => !key.endsWith(':meta'))).toEqual([]);
      const checked = await checkShipments(
        { logger: deps.logger },
        { source: fromFile('shipments-bad-rows.csv') },
      );
      expect(checked).toMatchObject({ dryRun: true, rows: 6, accepted: 2, rejected: report.rejected });
      expect(await getBatchStatus({ ...deps, prefix: other, queues: dryQueues }, report.batchId)).toBeNull();
    } finally {
      await closeQueues(dryQueues);
      await deleteKeys(redis, `${other}:*`);
    }
  });

  it('knows no batch for an unknown or malformed id', async () => {
    expect(await getBatchStatus(deps, 'b-nothing-here')).toBeNull();
    expect(await getBatchStatus(deps, 'b:1')).toBeNull();
  });
});
