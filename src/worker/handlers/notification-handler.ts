import { type NotificationWork, parseNotificationJob } from '../../contract/notification-job.js';
import type { CoalescedPayCert } from '../coalesced-pay-cert.js';
import type { KindHandler, Success } from '../job-runner.js';
import { LookAgainError, lookAgainDelayMs } from '../look-again.js';
import type { VerifiedFacts } from '../verified-facts.js';
import { verdictOf } from '../verify-notification.js';

export interface NotificationHandlerDeps {
  /** Paycert by TID, coalesced per TID (coalescedPayCert), through the account's notification share. */
  payCert: CoalescedPayCert;
  facts: VerifiedFacts;
  /** The configured COOKIEPAY_API_ID: a notification naming another is refused without a call. */
  apiId: string;
  /** How long after it was received a notification CookiePay does not show yet is looked at again. */
  verifyWindowMs: number;
  now?: () => number;
}

const foreignAccount: Success<'notification'> = {
  ok: false,
  code: 'FOREIGN_ACCOUNT',
  message: 'the notification names another CookiePay account (API_ID); CookiePay was not asked',
  response: null,
  verified: false,
};

/**
 * `cookiepay-notifications`: verifies a received notification with CookiePay, by its TID (paycert, the
 * authoritative look-up; a URLKEY in the body is informational). What CookiePay does not show yet is looked at
 * again until the window ends; a confirmed fact is `verified: true` once, and DUPLICATE for every later
 * notification of it. A body that cannot be read fails the job at once (INVALID_PAYLOAD), the record kept.
 */
export const notificationHandler = (
  deps: NotificationHandlerDeps,
): KindHandler<'notification', NotificationWork> => ({
  kind: 'notification',
  parse: parseNotificationJob,
  failureFields: { verified: false },
  call: async ({ facts, receivedAt }, job) => {
    if (facts.apiId !== undefined && facts.apiId !== deps.apiId) return foreignAccount;
    const verdict = verdictOf(facts, await deps.payCert(facts.TID));
    if (verdict.type === 'not-yet') {
      const now = (deps.now ?? Date.now)();
      const delayMs = lookAgainDelayMs(receivedAt ?? job.timestamp, now, deps.verifyWindowMs);
      if (delayMs !== undefined)
        throw new LookAgainError(verdict.result.code, verdict.result.message, delayMs);
      return verdict.result;
    }
    if (verdict.type === 'refuted') return verdict.result;
    const jobId = String(job.id);
    const first = await deps.facts.claim(verdict.fact, jobId);
    if (first === jobId) return verdict.result;
    const { kind, TID, amount } = verdict.fact;
    return {
      ...verdict.result,
      ok: false,
      code: 'DUPLICATE',
      message: `the ${kind} of ${amount} on payment ${TID} was verified already, by notification ${first}`,
      verified: false,
      duplicateOf: first,
    };
  },
});
