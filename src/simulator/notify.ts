import { got } from 'got';
import type { Logger } from 'pino';
import type { NotificationAttempt } from './state.js';

export interface NotifyTarget {
  url: string | null;
  timeoutMs: number;
  logger?: Logger | undefined;
}

/**
 * POSTs a notification as JSON, once (no retry), and says what happened; it never throws. A 2xx answer
 * counts as delivered.
 */
export const postNotification = async (
  target: NotifyTarget,
  body: Record<string, string>,
  kind: NotificationAttempt['kind'],
  tid: string,
): Promise<NotificationAttempt> => {
  const at = Date.now();
  if (target.url === null) {
    return { url: null, delivered: false, error: 'no notificationUrl configured', at, kind, TID: tid };
  }
  try {
    const response = await got.post(target.url, {
      json: body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      retry: { limit: 0 },
      timeout: { request: target.timeoutMs },
      throwHttpErrors: false,
      followRedirect: false,
    });
    const delivered = response.statusCode >= 200 && response.statusCode < 300;
    if (!delivered) target.logger?.warn({ tid, status: response.statusCode }, 'notification refused');
    return { url: target.url, delivered, status: response.statusCode, at, kind, TID: tid };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    target.logger?.warn({ tid, error: message }, 'notification failed');
    return { url: target.url, delivered: false, error: message, at, kind, TID: tid };
  }
};
