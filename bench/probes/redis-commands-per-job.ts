import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { queueNames } from '../../src/contract/names.js';
import { admitRequests, pauseAccount, reportDepartures } from '../../src/cookiepay/rate-gate/gate-scripts.js';
import { killAllChildren } from '../lib/children.js';
import { statusData } from '../lib/job-data.js';
import { preparePaidPayments } from '../lib/paid-payments.js';
import { addMany, openQueues } from '../lib/queue-counts.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { startSimulatorProcess } from '../lib/simulator-process.js';
import { sleep } from '../lib/sleep.js';
import { pipelineEnv, startPipelineWorker } from '../lib/worker-processes.js';

/**
 * Profiling aid (not part of `npm run bench`): runs JOBS status jobs through one real worker process with Redis
 * MONITOR on, and counts the commands per job by kind (the account gate's scripts recognised by their SHA1, the rest named BullMQ).
 * Also samples how many admissions wait for their departure report in the gate's log. Env: JOBS, CONCURRENCY, LATENCY_MS.
 */
process.on('exit', () => killAllChildren());
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const jobs = Number(process.env.JOBS ?? 300);
const concurrency = Number(process.env.CONCURRENCY ?? 50);
const latencyMs = Number(process.env.LATENCY_MS ?? 0);
const scriptNames = new Map([
  [admitRequests.sha, 'gate.admitRequests'],
  [reportDepartures.sha, 'gate.reportDepartures'],
  [pauseAccount.sha, 'gate.pauseAccount'],
]);
const sim = await startSimulatorProcess();
const prefix = freshPrefix('probe');
const setup = freshPrefix('probe-setup');
try {
  const paid = await preparePaidPayments(sim.url, sim.control, redisUrl, setup, 10);
  await sim.control.setLatency(latencyMs);
  const worker = await startPipelineWorker(
    pipelineEnv(redisUrl, sim.url, prefix, { CONCURRENCY_STATUS: String(concurrency), LOG_LEVEL: 'warn' }),
  );
  const counts = new Map<string, number>();
  // redis-cli MONITOR in a process of its own; each line is: time [db addr] "COMMAND" "arg" ...
  const monitor = spawn('redis-cli', ['-u', redisUrl, 'monitor'], { stdio: ['ignore', 'pipe', 'ignore'] });
  createInterface({ input: monitor.stdout }).on('line', (line) => {
    if (!line.includes(prefix)) return;
    const command = /\] "([^"]+)"/.exec(line)?.[1]?.toLowerCase() ?? '?';
    let kind = command;
    if (command === 'evalsha') {
      const sha = /\] "evalsha" "([0-9a-f]+)"/i.exec(line)?.[1] ?? '';
      kind = `evalsha ${scriptNames.get(sha) ?? `${sha.slice(0, 8)} (BullMQ)`}`;
    } else if (command === 'eval') {
      kind = line.includes('PTTL') ? 'eval token.readState' : 'eval (other script)';
    }
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  });
  await sleep(300);
  const probe = new Redis(redisUrl);
  const unreported: number[] = [];
  const sampler = setInterval(async () => {
    unreported.push(await probe.zcard(`${prefix}:{cookiepay-rate}:admitted`));
  }, 50);
  const queues = openQueues(redisUrl, prefix);
  const started = performance.now();
  await addMany(queues.queue(queueNames.status), jobs, (i) => ({
    name: 'check',
    data: statusData((paid[i % paid.length] as { tid: string }).tid),
    opts: { jobId: `probe-${i}` },
  }));
  await queues.waitFinished([queueNames.status], jobs, 300_000);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await sleep(200);
  monitor.kill('SIGKILL');
  probe.disconnect();
  await queues.close();
  await worker.stop();
  console.log(
    `${jobs} jobs, concurrency ${concurrency}, latency ${latencyMs} ms: ${(jobs / seconds).toFixed(1)} jobs/s`,
  );
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  for (const [kind, n] of sorted)
    console.log(`${kind.padEnd(40)} ${String(n).padStart(7)}  ${(n / jobs).toFixed(2)}/job`);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `${'total (keys under the prefix)'.padEnd(40)} ${String(total).padStart(7)}  ${(total / jobs).toFixed(2)}/job`,
  );
  console.log(
    `admissions not yet reported: max ${Math.max(0, ...unreported)}, mean ${(unreported.reduce((s, n) => s + n, 0) / Math.max(1, unreported.length)).toFixed(1)} over ${unreported.length} samples`,
  );
} finally {
  await sim.child.stop();
  await deletePrefixKeys(redisUrl, prefix);
  await deletePrefixKeys(redisUrl, setup);
}
