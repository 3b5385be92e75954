import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchChild, projectRoot, spawnTs } from '../lib/children.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { writeShipmentCsv } from '../lib/shipment-csv.js';
import { round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';

interface Done {
  type: 'done';
  ms: number;
  jobs: number;
  waiting: number;
  maxRssKb: number;
  rssBeforeKb: number;
}

const runChild = async (ctx: BenchContext, prefix: string, args: string[]): Promise<Done> => {
  const child: BenchChild = spawnTs(
    `upload-child ${args[0]}`,
    'bench/children/upload-child.ts',
    args,
    { REDIS_URL: ctx.redisUrl, QUEUE_PREFIX: prefix },
    // The same heap ceiling for both processes: V8 then collects as it goes instead of growing lazily, so the
    // peak RSS shows what the work needs (streaming), not how much garbage V8 let pile up.
    { ipc: true, nodeArgs: ['--max-old-space-size=128'] },
  );
  try {
    return await child.waitForMessage<Done>('done', 300_000);
  } finally {
    await child.stop(10_000);
  }
};

const mb = (kb: number) => round(kb / 1024, 1);

/**
 * Scenario 6: a 100,000-row shipment CSV validated and enqueued by uploadShipments, in a process of its own:
 * seconds and peak RSS, against a raw addBulk of the same jobs (same ids, chunks of 500) in another process.
 */
export const shipmentUpload = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const rows = ctx.quick ? 20_000 : 100_000;
  const conditions = { rows, chunk: 500, process: 'child (tsx)', encoding: 'UTF-8' };
  if (!existsSync(join(projectRoot, 'src/intake/shipments/upload-shipments.ts'))) {
    return [
      {
        id: 'shipment-upload',
        title: 'Shipment CSV upload',
        figure: null,
        baseline: null,
        unit: 's',
        target: '≤ 2× addBulk, ≤ 200 MB',
        pass: null,
        conditions,
        details: {},
        status: 'pending',
      },
    ];
  }
  const dir = await mkdtemp(join(tmpdir(), 'cookiepay-bench-'));
  const prefixes: string[] = [];
  try {
    const file = join(dir, 'shipments.csv');
    await writeShipmentCsv(file, rows);
    const bytes = (await stat(file)).size;
    const uploadPrefix = freshPrefix('upload');
    const barePrefix = freshPrefix('upload-addbulk');
    prefixes.push(uploadPrefix, barePrefix);
    const bare = await runChild(ctx, barePrefix, ['addbulk', String(rows)]);
    await deletePrefixKeys(ctx.redisUrl, barePrefix);
    const upload = await runChild(ctx, uploadPrefix, ['upload', file]);
    const details = {
      fileMb: round(bytes / 2 ** 20, 1),
      uploadJobs: upload.jobs,
      uploadWaiting: upload.waiting,
      addBulkJobs: bare.jobs,
      uploadRssAtStartMb: mb(upload.rssBeforeKb),
      addBulkRssAtStartMb: mb(bare.rssBeforeKb),
      uploadRowsPerSecond: Math.round(rows / (upload.ms / 1000)),
    };
    const ratio = upload.ms / bare.ms;
    return [
      {
        id: 'shipment-upload',
        title: `Shipment CSV ${rows.toLocaleString('en')} rows validated + enqueued: time`,
        figure: round(upload.ms / 1000, 2),
        baseline: round(bare.ms / 1000, 2),
        unit: 's',
        target: '≤ 2× baseline',
        pass: ratio <= 2 && upload.jobs === rows,
        conditions,
        details: { ...details, ratio: round(ratio, 2) },
        status: 'measured',
      },
      {
        id: 'shipment-upload',
        title: `Shipment CSV ${rows.toLocaleString('en')} rows: peak RSS of the process`,
        figure: mb(upload.maxRssKb),
        baseline: mb(bare.maxRssKb),
        unit: 'MB',
        target: '≤ 200 MB',
        pass: upload.maxRssKb / 1024 <= 200,
        conditions,
        details: {},
        status: 'measured',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    for (const prefix of prefixes) await deletePrefixKeys(ctx.redisUrl, prefix);
  }
};
