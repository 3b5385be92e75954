import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { UrlPayJob } from '../../contract/job-schemas.js';
import type { KindHandler } from '../job-runner.js';

/** Status checks the worker adds itself to follow a link: their ids start with this. */
export const trackJobIdPrefix = 'track-';

/** The id of the status check that follows a link: one per URLKEY, however often the urlpay job runs. */
export const trackJobId = (urlKey: string): string =>
  `${trackJobIdPrefix}${createHash('sha256').update(urlKey).digest('hex').slice(0, 32)}`;

/**
 * A urlpay handler that follows the links it creates when asked (`track: true`, or TRACK_LINKS when the job says
 * nothing): once the link exists it adds a status check of its URLKEY to `cookiepay-status`, which polls until it is
 * paid, cancelled or past STATUS_POLL_TIMEOUT_MS and reports to the payment events (source `track`). The producer
 * enqueues nothing.
 */
export const trackingHandler = (
  handler: KindHandler<'urlpay', UrlPayJob>,
  statusQueue: Pick<Queue, 'add'>,
  trackByDefault: boolean,
): KindHandler<'urlpay', UrlPayJob> => ({
  ...handler,
  call: async (data, job) => {
    const outcome = await handler.call(data, job);
    const urlKey = typeof outcome.response?.URLKEY === 'string' ? outcome.response.URLKEY.trim() : '';
    if (outcome.ok && urlKey !== '' && (data.track ?? trackByDefault)) {
      await statusQueue.add('status', { URLKEY: urlKey }, { jobId: trackJobId(urlKey) });
    }
    return outcome;
  },
});
