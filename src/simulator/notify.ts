import { got } from 'got';
import type { Logger } from 'pino';
import type { Assumptions } from './assumptions.js';
import type { NotificationAttempt } from './state.js';

/** How a notification is written on the wire (the `notificationEncoding` assumption). */
export type NotificationEncoding = Assumptions['notificationEncoding'];

export interface NotifyTarget {
  url: string | null;
  timeoutMs: number;
  /** `json` (application/json), `form` (application/x-www-form-urlencoded), `none` (JSON, no content type). */
  encoding?: NotificationEncoding | undefined;
  logger?: Logger | undefined;
}

/** The body and headers of a notification in one encoding. */
export const encodeNotification = (
  body: Record<string, string>,
  encoding: NotificationEncoding,
): { body: string; headers: Record<string, string> } => {
  switch (encoding) {
    case 'json':
      return { body: JSON.stringify(body), headers: { 'content-type': 'application/json; charset=utf-8' } };
    case 'form':
      return {
        body: new URLSearchParams(body).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      };
    case 'none':
      return { body: JSON.stringify(body), headers: {} };
  }
};

/**
 * POSTs a notification (JSON by default, see `encoding`), once (no retry), and says what happened; it never
 * throws. A 2xx answer counts as delivered.
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
    const encoded = encodeNotification(body, target.encoding ?? 'json');
    const response = await got.post(target.url, {
      body: encoded.body,
      headers: encoded.headers,
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
