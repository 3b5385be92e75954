import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runBatchStatus } from '../../../../src/main/run-batch-status.js';
import { runRejectedRows } from '../../../../src/main/run-rejected-rows.js';
import { runUpload } from '../../../../src/main/run-upload.js';
import { createRedisConnection } from '../../../../src/redis/connection.js';
import { deleteKeys, keysMatching, testPrefix } from '../../../helpers/harness.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));

describe('runUpload and runBatchStatus (CLI bodies)', () => {
  const prefix = testPrefix();
  const env = { REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' };
  const redis = createRedisConnection(inject('redisUrl'), 'worker');
  afterAll(async () => {
    await deleteKeys(redis, `${prefix}:*`);
    await redis.quit();
  });

  it('uploads a file, prints the report and the batch, then the batch status', async () => {
    const out: string[] = [];
    await runUpload(env, { file: fixture('shipments-bad-rows.csv'), write: (line) => out.push(line) });
    expect(out).toContain('6 rows (utf-8): 2 accepted, 0 already enqueued, 4 rejected');
    expect(out).toContain('  line 6: PARCELNAME is required');
    const batchId = /^batch (\S+):/.exec(out.at(-1) ?? '')?.[1];
    expect(batchId).toBeDefined();

    const status: string[] = [];
    await runBatchStatus(env, { batchId: String(batchId), write: (line) => status.push(line) });
    expect(status[0]).toContain(`batch ${batchId}`);
    expect(status[1]).toBe('  2 jobs: 2 waiting, 0 succeeded, 0 failed; 4 rows rejected');
    await expect(runBatchStatus(env, { batchId: 'b-none', write: () => {} })).rejects.toThrow('no batch');
  });

  it('prints the first UPLOAD_REPORT_REJECTED_ROWS rejected rows and counts; `rejected <id>` gives them all', async () => {
    const file = join(tmpdir(), `bad-rows-${process.pid}-${Date.now()}.csv`);
    const header = 'TID,AMOUNT,RECEIVERNAME,RECEIVERDATE,RECEIVERELATION,PARCELNAME,WAYBILLNO,DELIVERYADDR\n';
    const rows = Array.from(
      { length: 50 },
      (_, i) => `T${i},0,홍길동,20250115,본인,CJ,${700_000 + i},서울\n`,
    );
    await writeFile(file, header + rows.join(''));
    const out: string[] = [];
    await runUpload({ ...env, UPLOAD_REPORT_REJECTED_ROWS: '3' }, { file, write: (line) => out.push(line) });
    expect(out).toContain('50 rows (utf-8): 0 accepted, 0 already enqueued, 50 rejected');
    expect(out).toContain('rejected rows (first 3):');
    expect(out.filter((line) => line.startsWith('  line '))).toHaveLength(3);
    const batchId = /^batch (\S+):/.exec(out.at(-1) ?? '')?.[1];
    expect(out).toContain(`every rejected row: \`cookiepay-worker rejected ${batchId} > rejected.csv\``);
    const csv: string[] = [];
    await runRejectedRows(env, { batchId: String(batchId), write: (text) => void csv.push(text) });
    const lines = csv.join('').trimEnd().split('\r\n');
    expect(lines[0]).toBe('line,field,reason');
    expect(lines).toHaveLength(51);
    await expect(runRejectedRows(env, { batchId: 'b-none', write: () => {} })).rejects.toThrow('no batch');
  });

  it('checks a file on --dry-run without touching Redis', async () => {
    const out: string[] = [];
    const other = testPrefix();
    await runUpload(
      { ...env, QUEUE_PREFIX: other },
      { file: fixture('shipments-utf8.csv'), dryRun: true, write: (line) => out.push(line) },
    );
    expect(out).toEqual([
      'dry run: 3 rows (utf-8): 3 accepted, 0 rejected',
      'nothing was enqueued (dry run)',
    ]);
    expect(await keysMatching(redis, `${other}:*`)).toEqual([]);
  });
});
