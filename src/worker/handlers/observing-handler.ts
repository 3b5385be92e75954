import type { Job } from 'bullmq';
import type { KindHandler } from '../job-runner.js';
import { amountOfAnswer, type PaymentEvents, type PaymentSource } from '../payment-events.js';

/** The payment a job is about, as its data names it (the answer's TID is preferred when it has one). */
export type PaymentOfData<Data> = (data: Data) => { TID?: string | undefined; URLKEY?: string | undefined };

/**
 * A handler whose results tell the payment events what CookiePay said: a result with a `paymentStatus` and an
 * answer is observed (by the answer's TID, else the job's) before it is returned. A publication that fails fails the
 * attempt (it retries, and observes again).
 */
export const observingHandler = <Kind extends 'status' | 'notification', Data>(
  handler: KindHandler<Kind, Data>,
  events: PaymentEvents,
  /** What saw it: a source, or one per job (a status check the worker added to follow a link: `track`). */
  source: PaymentSource | ((job: Job) => PaymentSource),
  paymentOf: PaymentOfData<Data>,
  now: () => number = Date.now,
): KindHandler<Kind, Data> => ({
  ...handler,
  call: async (data, job) => {
    const outcome = await handler.call(data, job);
    const { paymentStatus, response } = outcome as { paymentStatus?: string; response: unknown };
    if (paymentStatus === undefined || response === null || typeof response !== 'object') return outcome;
    const answer = response as { TID?: unknown; AMOUNT?: unknown };
    const named = paymentOf(data);
    const tid = typeof answer.TID === 'string' && answer.TID.trim() !== '' ? answer.TID : named.TID;
    await events.observe({
      TID: tid,
      URLKEY: named.URLKEY,
      state: paymentStatus as Parameters<PaymentEvents['observe']>[0]['state'],
      amount: typeof answer.AMOUNT === 'string' ? amountOfAnswer(answer.AMOUNT) : undefined,
      source: typeof source === 'function' ? source(job) : source,
      observedAt: new Date(now()).toISOString(),
      sourceQueue: job.queueName,
      sourceJobId: String(job.id),
      response: response as Record<string, unknown>,
    });
    return outcome;
  },
});
