import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../src/contract/names.js';
import { urlPayJob } from '../fixtures/jobs.js';
import { createHarness, type Harness, workerTestEnv } from '../helpers/harness.js';
import { resultOf } from '../helpers/result-kinds.js';
import { sleep, waitUntil } from '../helpers/wait.js';
import { spawnCli, type WorkerProcess } from '../helpers/worker-process.js';
import { isAlive, killAll, leftover, resultAnomalies } from './chaos-kit.js';

const JOBS = 1_000;
const KILLS = 4;

const link = (i: number) => urlPayJob({ PRODUCTNAME: `카오스 주문 ${i}`, AMOUNT: 1_000 + i });

describe('chaos: worker processes SIGKILLed again and again', () => {
  let h: Harness;
  const spawned: WorkerProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    env = workerTestEnv(inject('redisUrl'), h.simulator.url, h.prefix, {
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      CONCURRENCY_URLPAY: '20',
    });
  });
  afterAll(async () => {
    await killAll(spawned);
    await h.close();
  });

  const spawnWorker = async () => {
    const worker = await spawnCli(['start'], env);
    spawned.push(worker);
    return worker;
  };

  it(`${KILLS} SIGKILLs during ${JOBS} urlpay jobs: one result per job, one link per job`, async () => {
    await h.simulator.control.setLatency(20);
    // Two slots, each holding a worker process (or the one being spawned to replace a killed one).
    const live: Promise<WorkerProcess>[] = [spawnWorker(), spawnWorker()];
    await Promise.all(live);
    const ids = Array.from({ length: JOBS }, (_, i) => `kill-${i}`);
    await h
      .queue(queueNames.urlpay)
      .addBulk(ids.map((id, i) => ({ name: 'link', data: link(i), opts: { jobId: id } })));
    const resultsQueue = h.queue(queueNames.results);

    // Kill the workers in turn each time another slice of the jobs has ended (or after 4 s); each killed
    // worker is respawned at once, without waiting for it before the next kill of the other one.
    const activeAtKill: number[] = [];
    const deadline = Date.now() + 60_000;
    for (let kill = 0; kill < KILLS && Date.now() < deadline; kill++) {
      const threshold = 100 + kill * 150;
      // Kill after 4 s anyway: a slow run still gets its kills, checked below like any other.
      await waitUntil(async () => (await resultsQueue.count()) >= threshold, {
        timeoutMs: 4_000,
        intervalMs: 10,
        message: `${threshold} results before kill ${kill + 1}`,
      }).catch(() => undefined);
      const slot = kill % live.length;
      const victim = await (live[slot] as Promise<WorkerProcess>);
      activeAtKill.push(await h.queue(queueNames.urlpay).getActiveCount());
      const aliveBefore = isAlive(victim);
      victim.child.kill('SIGKILL');
      const exit = await victim.exited;
      if (exit.signal !== 'SIGKILL') {
        console.log(`[chaos] victim exited by itself: ${JSON.stringify(exit)} aliveBefore=${aliveBefore}
${victim.output().slice(-3000)}`);
      }
      expect(exit.signal).toBe('SIGKILL');
      live[slot] = spawnWorker();
    }
    expect(activeAtKill).toHaveLength(KILLS);

    // A missing result is reported below with the job's state, not as a bare timeout.
    await h.waitForResults(JOBS, 60_000).catch(() => undefined);
    await sleep(2_500); // a late duplicate would show up now
    const results = await h.results();
    const anomalies = resultAnomalies(
      results,
      ids.map((id) => `${queueNames.urlpay}/${id}`),
    );
    for (const key of anomalies.missing) {
      const job = await h.queue(queueNames.urlpay).getJob(key.split('/')[1] as string);
      const stalls = job ? await h.redis.hget(`${h.prefix}:${queueNames.urlpay}:${job.id}`, 'stc') : null;
      console.log(
        `[chaos] no result for ${key}: state=${await job?.getState()} stalls=${stalls} ` +
          `attemptsMade=${job?.attemptsMade} failedReason="${job?.failedReason ?? ''}"`,
      );
    }
    expect(anomalies).toEqual({ duplicated: [], missing: [], unexpected: [] });
    expect(results).toHaveLength(JOBS);
    const left = await leftover(h.queue(queueNames.urlpay));
    expect(left.unfinished).toBe(0);
    expect(left.completed + left.failed).toBe(JOBS);

    const stalled = results.filter((r) => r.code === 'STALLED');
    const notOk = results.filter((r) => !r.ok && r.code !== 'STALLED');
    expect(notOk.map((r) => `${r.sourceJobId}:${r.code}`)).toEqual([]);

    // Links created twice reuse their BILL_NO: the simulator holds one link per job although some
    // /urlpay/request calls were repeated (a killed worker's jobs were sent again by another).
    const requests = await h.simulator.control.requests({ endpoint: '/urlpay/request' });
    const { links } = await h.simulator.control.payments();
    const billNos = results.filter((r) => r.ok).map((r) => resultOf('urlpay', r).billNo);
    expect(new Set(billNos).size).toBe(billNos.length);
    expect(links.length).toBeLessThanOrEqual(JOBS);
    expect(links.length).toBeGreaterThanOrEqual(results.filter((r) => r.ok).length);
    expect(new Set(links.map((l) => l.request.BILL_NO)).size).toBe(links.length);
    const repeats = requests.length - links.length;
    console.log(
      `[chaos] kills=${KILLS} activeAtKill=${activeAtKill.join(',')} urlpayRequests=${requests.length} ` +
        `links=${links.length} repeatedRequests=${repeats} stalledResults=${stalled.length}`,
    );
    expect(repeats).toBeGreaterThan(0);
    for (const worker of await Promise.all(live)) expect(isAlive(worker)).toBe(true);
    expect(activeAtKill.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    await h.simulator.control.setLatency(0);
  }, 180_000);
});

describe('chaos: a job whose worker dies twice (more than maxStalledCount) while the last worker is busy', () => {
  let h: Harness;
  const spawned: WorkerProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    env = workerTestEnv(inject('redisUrl'), h.simulator.url, h.prefix, {
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      CONCURRENCY_URLPAY: '1',
      // Requests must outlive their worker, not time out.
      COOKIEPAY_TIMEOUT_MS: '20000',
    });
  });
  afterAll(async () => {
    await killAll(spawned);
    await h.close();
  });

  const urlpayRequests = async (n: number) =>
    (await h.simulator.control.requests({ endpoint: '/urlpay/request' })).length >= n;

  it('still ends with exactly one result (code STALLED), as the README promises', async () => {
    // Every request outlives the worker that sent it; each worker runs one urlpay job at a time.
    await h.simulator.control.setLatency(8_000);
    const urlpay = h.queue(queueNames.urlpay);
    await urlpay.add('link', link(1), { jobId: 'dies-twice' });
    const a = await spawnCli(['start'], env);
    spawned.push(a);
    await waitUntil(() => urlpayRequests(1), {
      timeoutMs: 15_000,
      message: 'the first worker to send the job',
    });
    a.child.kill('SIGKILL'); // stall 1
    await a.exited;
    const b = await spawnCli(['start'], env);
    spawned.push(b);
    await waitUntil(() => urlpayRequests(2), {
      timeoutMs: 20_000,
      message: 'the second worker to take the job over',
    });
    // B is busy with it; a blocker job waits until a third worker, C, takes it and is busy in turn.
    await urlpay.add('link', link(2), { jobId: 'blocker' });
    const c = await spawnCli(['start'], env);
    spawned.push(c);
    await waitUntil(() => urlpayRequests(3), {
      timeoutMs: 15_000,
      message: 'the third worker to take the blocker',
    });
    b.child.kill('SIGKILL'); // stall 2: C's stalled check moves the job back to wait, marked to fail
    await b.exited;
    const stc = await waitUntil(
      async () => {
        const count = Number(await h.redis.hget(`${h.prefix}:${queueNames.urlpay}:dies-twice`, 'stc'));
        return count >= 2 ? count : undefined;
      },
      { timeoutMs: 15_000, message: 'the job to be found stalled a second time' },
    );
    await h.simulator.control.setLatency(0);
    const state = await waitUntil(
      async () => {
        const s = await urlpay.getJobState('dies-twice');
        return s === 'completed' || s === 'failed' ? s : undefined;
      },
      { timeoutMs: 20_000, message: 'the job to end' },
    );
    await sleep(1_500);
    const job = await urlpay.getJob('dies-twice');
    const results = (await h.results()).filter((r) => r.sourceJobId === 'dies-twice');
    console.log(
      `[chaos] dies-twice: stalledCount=${stc} state=${state} failedReason="${job?.failedReason ?? ''}" ` +
        `results=${JSON.stringify(results.map((r) => r.code))}`,
    );
    expect(state).toBe('failed');
    expect(results.map((r) => r.code)).toEqual(['STALLED']);
    expect(isAlive(c)).toBe(true);
  }, 90_000);
});
