import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { killAllChildren } from './lib/children.js';
import { machineInfo } from './lib/machine.js';
import { formatTable } from './lib/table.js';
import type { BenchContext, Scenario, ScenarioResult } from './lib/types.js';
import { enqueueToResultLatency } from './scenarios/enqueue-to-result-latency.js';
import { notificationFlood } from './scenarios/notification-flood.js';
import { pipelineThroughput } from './scenarios/pipeline-throughput.js';
import { rateLimitFidelity } from './scenarios/rate-limit-fidelity.js';
import { reconcile } from './scenarios/reconcile.js';
import { redisMemory } from './scenarios/redis-memory.js';
import { shipmentUpload } from './scenarios/shipment-upload.js';
import { slowSimulatorThroughput } from './scenarios/slow-simulator-throughput.js';
import { tokenRequests } from './scenarios/token-requests.js';

/**
 * `npm run bench`: every scenario in turn, each figure beside its baseline measured in the same run.
 * BENCH_QUICK=1: a smaller smoke run. BENCH_ONLY=id,id: only those scenarios.
 */
const scenarios: readonly [string, Scenario][] = [
  ['pipeline-throughput', pipelineThroughput],
  ['token-requests', tokenRequests],
  ['rate-limit-fidelity', rateLimitFidelity],
  ['slow-simulator-throughput', slowSimulatorThroughput],
  ['enqueue-to-result-latency', enqueueToResultLatency],
  ['shipment-upload', shipmentUpload],
  ['redis-memory', redisMemory],
  ['notification-flood', notificationFlood],
  ['reconcile', reconcile],
];

process.on('exit', () => killAllChildren());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY?.split(',').map((id) => id.trim());
const machine = await machineInfo(redisUrl);
const ctx: BenchContext = { redisUrl, quick, cores: machine.cores, node: machine.node };
const started = Date.now();
const results: ScenarioResult[] = [];

for (const [id, scenario] of scenarios) {
  if (only && !only.includes(id)) continue;
  const t0 = Date.now();
  console.error(`[bench] ${id} …`);
  try {
    for (const result of await scenario(ctx)) {
      result.conditions = { node: ctx.node, cores: ctx.cores, ...result.conditions };
      results.push(result);
    }
  } catch (error) {
    results.push({
      id,
      title: id,
      figure: null,
      baseline: null,
      unit: '',
      target: '',
      pass: null,
      conditions: { node: ctx.node, cores: ctx.cores },
      details: {},
      status: 'error',
      error: error instanceof Error ? error.message.slice(0, 2_000) : String(error),
    });
  } finally {
    killAllChildren();
  }
  console.error(`[bench] ${id} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const output = {
  startedAt: new Date(started).toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 100) / 10,
  quick,
  machine,
  results,
};
await writeFile(join(import.meta.dirname, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
console.log(formatTable(results));
console.log(
  `\n${quick ? 'quick run' : 'full run'} in ${output.durationSeconds} s; bench/results.json written`,
);
process.exit(results.some((r) => r.status === 'error') ? 1 : 0);
