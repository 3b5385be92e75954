import { request } from 'node:http';
import { queueNames } from '../../src/contract/names.js';
import { freePort } from '../../src/dev/local-redis.js';
import { benchAccount } from '../lib/bench-account.js';
import type { BenchChild } from '../lib/children.js';
import { urlPayData } from '../lib/job-data.js';
import { addMany, openQueues } from '../lib/queue-counts.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { type SimulatorProcess, startSimulatorProcess } from '../lib/simulator-process.js';
import { sleep } from '../lib/sleep.js';
import { round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';
import { pipelineEnv, startCliWorker } from '../lib/worker-processes.js';

const limit = 20;
const notificationPath = '/cookiepay/notification';

/**
 * POSTs one forged approval notification (a TID nobody paid) from a loopback source address of its own, so that a
 * per-address limit does not stop the flood: what is measured is what reaches verification.
 */
const postForged = (port: number, i: number): Promise<number> =>
  new Promise((resolve) => {
    const body = JSON.stringify({
      API_ID: benchAccount.apiId,
      TID: `FORGED${String(i).padStart(8, '0')}`,
      AMOUNT: String(1000 + i),
      ORDERNO: `forged-${i}`,
      PAY_METHOD: 'CARD',
    });
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        path: notificationPath,
        method: 'POST',
        localAddress: `127.0.1.${1 + (i % 100)}`,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    sent.on('error', () => resolve(0));
    sent.end(body);
  });

interface Run {
  /** From enqueueing the urlpay jobs to the last one finished. */
  urlpaySeconds: number;
  /** paycert + urlcert calls the simulator received during the run (the verifications). */
  verificationCalls: number;
  answered200: number;
  /** Answers other than 200, by status (0: the connection failed). */
  otherAnswers: string;
}

const runOnce = async (
  ctx: BenchContext,
  sim: SimulatorProcess,
  jobs: number,
  forged: number,
  prefixes: string[],
): Promise<Run> => {
  const prefix = freshPrefix(forged > 0 ? 'flood' : 'flood-base');
  prefixes.push(prefix);
  const port = await freePort();
  const children: BenchChild[] = [
    await startCliWorker(
      pipelineEnv(ctx.redisUrl, sim.url, prefix, {
        COOKIEPAY_RATE_LIMIT_MAX: String(limit),
        COOKIEPAY_RATE_LIMIT_DURATION_MS: '1000',
        CONCURRENCY_URLPAY: '10',
        CONCURRENCY_STATUS: '10',
        HTTP_PORT: String(port),
      }),
    ),
  ];
  const queues = openQueues(ctx.redisUrl, prefix);
  try {
    await sim.control.resetRequests();
    const started = performance.now();
    await addMany(queues.queue(queueNames.urlpay), jobs, (i) => ({
      name: 'link',
      data: urlPayData(i),
      opts: { jobId: `flood-link-${i}` },
    }));
    // The flood: `forged` notifications spread evenly over 10 s, alongside the payment links.
    const answers: Promise<number>[] = [];
    const flood = (async () => {
      for (let i = 0; i < forged; i++) {
        answers.push(postForged(port, i));
        await sleep(10_000 / forged);
      }
    })();
    await queues.waitFinished([queueNames.urlpay], jobs, 300_000);
    const urlpaySeconds = (performance.now() - started) / 1000;
    await flood;
    const statuses = await Promise.all(answers);
    const requests = await sim.control.requests();
    return {
      urlpaySeconds,
      verificationCalls: requests.filter(
        (r) => r.endpoint === '/api/paycert' || r.endpoint === '/api/urlcert',
      ).length,
      answered200: statuses.filter((s) => s === 200).length,
      otherAnswers: statuses
        .filter((s) => s !== 200)
        .map(String)
        .join(' '),
    };
  } finally {
    await queues.close();
    await Promise.all(children.map((child) => child.stop()));
  }
};

/**
 * Scenario: 1,000 forged notifications (distinct TIDs, from 100 loopback addresses) in 10 s while 300 urlpay
 * jobs run at the account limit (20/s): the jobs' completion time against the same run without the flood, and
 * how many verification calls the flood made CookiePay answer (from the account's notification share).
 */
export const notificationFlood = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const jobs = ctx.quick ? 100 : 300;
  const forged = ctx.quick ? 300 : 1_000;
  const sim = await startSimulatorProcess();
  const prefixes: string[] = [];
  try {
    const base = await runOnce(ctx, sim, jobs, 0, prefixes);
    const flooded = await runOnce(ctx, sim, jobs, forged, prefixes);
    const ratio = flooded.urlpaySeconds / base.urlpaySeconds;
    return [
      {
        id: 'notification-flood',
        title: `${forged} forged notifications in 10 s beside ${jobs} urlpay jobs at ${limit}/s: urlpay time / without`,
        figure: round(ratio, 2),
        baseline: 1,
        unit: 'ratio',
        target: '≤ 1.3',
        pass: ratio <= 1.3,
        conditions: { limit: `${limit}/s`, jobs, forged, sources: '100 loopback addresses' },
        details: {
          urlpaySecondsWithFlood: round(flooded.urlpaySeconds, 2),
          urlpaySecondsWithout: round(base.urlpaySeconds, 2),
          verificationCallsDuringRun: flooded.verificationCalls,
          notificationsAnswered200: flooded.answered200,
          notificationsAnsweredOther: flooded.otherAnswers,
        },
        status: 'measured',
      },
    ];
  } finally {
    await sim.child.stop();
    for (const prefix of prefixes) await deletePrefixKeys(ctx.redisUrl, prefix);
  }
};
