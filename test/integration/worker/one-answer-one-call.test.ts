import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../src/config/logger.js';
import { queueNames } from '../../../src/contract/names.js';
import type { JobResult } from '../../../src/contract/result-schema.js';
import { defaultRetention } from '../../../src/contract/retention.js';
import type { WorkerRuntimeOptions } from '../../../src/main/worker-runtime.js';
import type { OutcomeTools } from '../../../src/worker/bullmq-outcome.js';
import { keptAnswerKey, keptAnswers } from '../../../src/worker/kept-answers.js';
import { type PublishResult, resultPublisher } from '../../../src/worker/publish-result.js';
import { publishStalledFailure } from '../../../src/worker/stalled-results.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness, keysMatching } from '../../helpers/harness.js';
import { sleep, waitUntil } from '../../helpers/wait.js';

/** A test failure of the Redis write it stands for (no Redis or BullMQ mocked: the real call is skipped or made). */
const refused = (what: string) => new Error(`test: Redis refused ${what}`);

describe('one answer, one call: what fails after CookiePay answered never calls it again', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  afterAll(async () => h.close());

  /** Runs `body` with a worker of its own (env overrides, seams), stopped afterwards. */
  const withWorker = async (
    env: Record<string, string>,
    seams: NonNullable<WorkerRuntimeOptions['seams']>,
    body: () => Promise<void>,
  ) => {
    await h.simulator.control.resetRequests();
    await h.simulator.control.clearScript();
    const runtime = await h.startWorker(env, { seams });
    try {
      await body();
    } finally {
      await runtime.close();
    }
  };

  /**
   * A publisher whose first publication of `jobId`'s result fails: before it reaches Redis, or after (the answer
   * lost on the way back). `seen` is told whether the answer was kept when that publication was asked for.
   */
  const publishFailingOnce =
    (jobId: string, when: 'before' | 'after', seen?: (kept: boolean) => void) =>
    (publish: PublishResult): PublishResult => {
      let failed = false;
      return async (result, resultId) => {
        if (failed || result.sourceJobId !== jobId) return publish(result, resultId);
        failed = true;
        seen?.((await h.redis.exists(keptAnswerKey(h.prefix, resultId))) === 1);
        if (when === 'after') await publish(result, resultId);
        throw refused('the result');
      };
    };

  /** Outcome tools whose `tool` fails the first time it is used. */
  const toolFailingOnce =
    (...failing: (keyof Omit<OutcomeTools, 'onToolFailure'>)[]) =>
    (tools: OutcomeTools): OutcomeTools => {
      const left = new Set(failing);
      return {
        rateLimitQueue: async (ms) => {
          if (left.delete('rateLimitQueue')) throw refused('the queue rate limit');
          return tools.rateLimitQueue(ms);
        },
        delayJob: async (job, untilMs, token) => {
          if (left.delete('delayJob')) throw refused('the delay');
          return tools.delayJob(job, untilMs, token);
        },
      };
    };

  /** Waits until the job has ended; then, a moment later (a late duplicate would show by now), its results. */
  const ended = async (queue: string, jobId: string) => {
    await waitUntil(
      async () => {
        const state = await h.queue(queue).getJobState(jobId);
        return state === 'completed' || state === 'failed';
      },
      { timeoutMs: 15_000, intervalMs: 25, message: `job ${jobId} to end` },
    );
    await sleep(300);
    // Read once it has ended: a job read before (then asked for its state) holds the fields of an earlier moment.
    const job = await Job.fromId(h.queue(queue), jobId);
    if (!job) throw new Error(`job ${jobId} is gone`);
    const results = (await h.results()).filter((r: JobResult) => r.sourceJobId === jobId);
    return { job, state: await job.getState(), results };
  };

  const linkRequests = async (billNo: string) =>
    (await h.simulator.control.requests({ endpoint: '/urlpay/request' })).filter(
      (r) => (r.body as { BILL_NO?: string }).BILL_NO === billNo,
    );

  const noKeptAnswerLeft = () =>
    waitUntil(async () => (await keysMatching(h.redis, `${h.prefix}:cookiepay-answer:*`)).length === 0, {
      timeoutMs: 5_000,
      message: 'kept answers dropped once their jobs ended',
    });

  it('a job an operator fixes and retries after it ended publishes a result of its own (not dropped as a repeat)', async () => {
    await withWorker({ RETRY_ATTEMPTS: '3' }, {}, async () => {
      // Ends at once, on its first of three attempts: the data breaks the contract.
      await h
        .queue(queueNames.urlpay)
        .add('link', urlPayJob({ AMOUNT: 0, BILL_NO: 'RERUN' }), { jobId: 'rerun' });
      const first = await ended(queueNames.urlpay, 'rerun');
      expect(first.results).toEqual([expect.objectContaining({ ok: false, code: 'INVALID_PAYLOAD' })]);
      // The operator mends the data and retries the job from the board.
      await first.job.updateData(urlPayJob({ BILL_NO: 'RERUN' }));
      await first.job.retry('failed');
      await waitUntil(async () => (await h.queue(queueNames.urlpay).getJobState('rerun')) === 'completed', {
        timeoutMs: 15_000,
        intervalMs: 25,
        message: 'the retried job to complete',
      });
      await sleep(300);
      const results = (await h.results())
        .filter((r: JobResult) => r.sourceJobId === 'rerun')
        .sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
      expect(results.map((r) => [r.ok, r.code])).toEqual([
        [false, 'INVALID_PAYLOAD'],
        [true, '0000'],
      ]);
      expect(await linkRequests('RERUN')).toHaveLength(1);
    });
  });

  it('a publish that fails after a successful call is retried as a publish: one call, one result, the success', async () => {
    const kept: boolean[] = [];
    const seams = { publish: publishFailingOnce('once-ok', 'before', (k) => kept.push(k)) };
    await withWorker({ RETRY_ATTEMPTS: '3' }, seams, async () => {
      await h.queue(queueNames.urlpay).add('link', urlPayJob({ BILL_NO: 'ONCE-OK' }), { jobId: 'once-ok' });
      const { job, state, results } = await ended(queueNames.urlpay, 'once-ok');
      expect(kept).toEqual([true]); // kept before it was published
      expect(await linkRequests('ONCE-OK')).toHaveLength(1);
      expect(results).toEqual([
        expect.objectContaining({ ok: true, code: '0000', attempts: 1, billNo: 'ONCE-OK' }),
      ]);
      expect(state).toBe('completed');
      expect(job.attemptsMade).toBe(1); // publishing used no attempt
      expect(job.returnvalue).toEqual(results[0]);
      await noKeptAnswerLeft();
    });
  });

  it('on the only attempt, a publish whose answer was lost is published again under the same id: one result', async () => {
    const seams = { publish: publishFailingOnce('once-lost', 'after') };
    await withWorker({ RETRY_ATTEMPTS: '1' }, seams, async () => {
      await h
        .queue(queueNames.urlpay)
        .add('link', urlPayJob({ BILL_NO: 'ONCE-LOST' }), { jobId: 'once-lost' });
      const { state, results } = await ended(queueNames.urlpay, 'once-lost');
      expect(await linkRequests('ONCE-LOST')).toHaveLength(1);
      expect(results).toEqual([expect.objectContaining({ ok: true, code: '0000', attempts: 1 })]);
      expect(state).toBe('completed');
    });
  });

  it('a final failure whose publish fails once: no further call, one result, the failure CookiePay gave', async () => {
    const seams = { publish: publishFailingOnce('once-final', 'before') };
    await withWorker({}, seams, async () => {
      await h.simulator.control.script('/urlpay/request', [
        { resultCode: 'E777', resultMessage: '가맹점 설정 오류' },
        { resultCode: 'E777', resultMessage: '가맹점 설정 오류' },
      ]);
      await h
        .queue(queueNames.urlpay)
        .add('link', urlPayJob({ BILL_NO: 'ONCE-FINAL' }), { jobId: 'once-final', attempts: 2 });
      const { job, state, results } = await ended(queueNames.urlpay, 'once-final');
      expect(await linkRequests('ONCE-FINAL')).toHaveLength(2);
      expect(results).toEqual([expect.objectContaining({ ok: false, code: 'E777', attempts: 2 })]);
      expect(state).toBe('failed');
      expect(job.failedReason).toContain('E777');
      expect(job.attemptsMade).toBe(2);
      await noKeptAnswerLeft();
    });
  });

  it('a publish that fails while the job cannot be delayed either: back to wait, still one call, one result', async () => {
    const seams = {
      publish: publishFailingOnce('once-nodelay', 'before'),
      outcome: toolFailingOnce('delayJob'),
    };
    await withWorker({ RETRY_ATTEMPTS: '1' }, seams, async () => {
      await h
        .queue(queueNames.urlpay)
        .add('link', urlPayJob({ BILL_NO: 'ONCE-NODELAY' }), { jobId: 'once-nodelay' });
      const { state, results } = await ended(queueNames.urlpay, 'once-nodelay');
      expect(await linkRequests('ONCE-NODELAY')).toHaveLength(1);
      expect(results).toEqual([expect.objectContaining({ ok: true, code: '0000', attempts: 1 })]);
      expect(state).toBe('completed');
    });
  });

  it('a 429 on the only attempt whose queue cannot be held back: the job waits alone and ends ok', async () => {
    await withWorker({ RETRY_ATTEMPTS: '1' }, { outcome: toolFailingOnce('rateLimitQueue') }, async () => {
      await h.simulator.control.script('/urlpay/request', [{ httpStatus: 429, retryAfterSeconds: 1 }]);
      await h
        .queue(queueNames.urlpay)
        .add('link', urlPayJob({ BILL_NO: 'NO-RATELIMIT' }), { jobId: 'no-ratelimit' });
      const { state, results } = await ended(queueNames.urlpay, 'no-ratelimit');
      const requests = await linkRequests('NO-RATELIMIT');
      expect(requests.map((r) => r.status)).toEqual([429, 200]);
      expect(results).toEqual([expect.objectContaining({ ok: true, code: '0000', attempts: 1 })]);
      expect(state).toBe('completed');
    });
  });

  it('a 429 whose queue can neither be held back nor the job delayed: back to wait, ends ok', async () => {
    const seams = { outcome: toolFailingOnce('rateLimitQueue', 'delayJob') };
    await withWorker({ RETRY_ATTEMPTS: '1' }, seams, async () => {
      await h.simulator.control.script('/urlpay/request', [{ httpStatus: 429, retryAfterSeconds: 1 }]);
      await h.queue(queueNames.urlpay).add('link', urlPayJob({ BILL_NO: 'NO-HOLD' }), { jobId: 'no-hold' });
      const { state, results } = await ended(queueNames.urlpay, 'no-hold');
      expect((await linkRequests('NO-HOLD')).map((r) => r.status)).toEqual([429, 200]);
      expect(results).toEqual([expect.objectContaining({ ok: true, code: '0000', attempts: 1 })]);
      expect(state).toBe('completed');
    });
  });

  it('a status poll on the only attempt that cannot be delayed: polled again, ends paid', async () => {
    const seams = { outcome: toolFailingOnce('delayJob') };
    await withWorker({ RETRY_ATTEMPTS: '1', STATUS_POLL_INTERVAL_MS: '100' }, seams, async () => {
      const linkId = await h.producer.enqueueUrlPay(urlPayJob({ BILL_NO: 'POLL-NODELAY' }));
      const link = await ended(queueNames.urlpay, linkId);
      const urlKey = String(link.results[0]?.response?.URLKEY);
      await h.queue(queueNames.status).add('check', { URLKEY: urlKey }, { jobId: 'poll-nodelay' });
      await waitUntil(
        async () => (await h.simulator.control.requests({ endpoint: '/api/urlcert' })).length >= 3,
        { timeoutMs: 10_000, intervalMs: 20, message: 'three polls' },
      );
      await h.simulator.control.pay({ URLKEY: urlKey });
      const { job, state, results } = await ended(queueNames.status, 'poll-nodelay');
      expect(results).toEqual([expect.objectContaining({ ok: true, paymentStatus: 'paid', attempts: 1 })]);
      expect(state).toBe('completed');
      expect(job.attemptsMade).toBe(1);
    });
  });

  it('a job failed for stalling after CookiePay answered gets the kept answer as its result, not STALLED', async () => {
    const logger = createLogger({ level: 'silent' });
    const publish = resultPublisher(h.queues.results, defaultRetention.results);
    const answers = keptAnswers(h.redis, h.prefix);
    const retry = { attempts: 3 };
    const queue = h.queue(queueNames.urlpay);
    await queue.add('link', urlPayJob(), { jobId: 'stalled-kept' });
    await queue.add('link', urlPayJob(), { jobId: 'stalled-bare' });
    const answered: JobResult = {
      kind: 'urlpay',
      sourceQueue: queueNames.urlpay,
      sourceJobId: 'stalled-kept',
      ok: true,
      code: '0000',
      message: 'payment link created',
      response: { RESULTCODE: '0000', URLKEY: 'K-STALLED' },
      attempts: 1,
      finishedAt: new Date().toISOString(),
      billNo: 'B-STALLED',
    };
    const resultId = `${queueNames.urlpay}-stalled-kept`;
    await answers.keep({ resultId, ends: 'completed', result: answered, publishFailures: 0 });
    // As the `failed` event sees them: BullMQ has counted the failed attempt.
    for (const id of ['stalled-kept', 'stalled-bare']) {
      const job = await Job.fromId(queue, id);
      if (!job) throw new Error(`job ${id} not found`);
      job.attemptsMade = 1;
      job.failedReason = 'job stalled more than allowable limit';
      await publishStalledFailure(job, 'urlpay', publish, logger, retry, answers);
    }
    const results = await h.results();
    expect(results.filter((r) => r.sourceJobId === 'stalled-kept')).toEqual([answered]);
    expect(results.filter((r) => r.sourceJobId === 'stalled-bare')).toEqual([
      expect.objectContaining({ ok: false, code: 'STALLED' }),
    ]);
    await answers.forget(resultId);
    await queue.remove('stalled-kept');
    await queue.remove('stalled-bare');
  });
});
