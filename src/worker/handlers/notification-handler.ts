import { type NotificationJob, parseNotificationJob } from '../../contract/notification-job.js';
import { isCookiePayError } from '../../cookiepay/errors.js';
import type { CookiePayCalls } from '../cookiepay-calls.js';
import { notPaidYetCode } from '../failure-policy.js';
import type { KindHandler, Success } from '../job-runner.js';
import { verifyNotification } from '../verify-notification.js';

/**
 * A CookiePay answer other than 0000 about the notified payment (EA01: the link is not paid; an unknown URLKEY or
 * TID) is the final word on the notification: it is not what CookiePay says happened, so it is unverified and
 * not retried. Transport failures (network, timeout, HTTP status, token) still go to the failure policy.
 */
const refused = (error: unknown): Success<'notification'> | undefined => {
  if (!isCookiePayError(error) || error.code !== 'RESULT') return undefined;
  const unpaid = error.resultCode === notPaidYetCode;
  return {
    ok: false,
    code: error.reportedCode,
    message: unpaid ? 'CookiePay says the payment was not made' : error.message,
    response: error.response ?? null,
    verified: false,
    ...(unpaid ? { paymentStatus: 'unpaid' as const } : {}),
  };
};

/**
 * `cookiepay-notifications`: checks a received notification with CookiePay — urlcert by the link's URLKEY when
 * the notification named one, else paycert by TID — and reports `verified`.
 */
export const notificationHandler = (
  cookiepay: Pick<CookiePayCalls, 'urlCert' | 'payCert'>,
): KindHandler<'notification', NotificationJob> => ({
  kind: 'notification',
  parse: parseNotificationJob,
  failureFields: { verified: false },
  call: async (data) => {
    try {
      const response = data.URLKEY
        ? await cookiepay.urlCert({ URLKEY: data.URLKEY })
        : await cookiepay.payCert({ tid: data.TID });
      return verifyNotification(data, response);
    } catch (error) {
      const answer = refused(error);
      if (answer) return answer;
      throw error;
    }
  },
});
