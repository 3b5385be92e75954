import type { ProbeMode } from './probe-cookiepay.js';

export const sandboxUrl = 'https://sandbox.cookiepayments.com';
export const liveUrl = 'https://www.cookiepayments.com';

const liveHosts = new Set(['www.cookiepayments.com', 'cookiepayments.com']);

export interface ProbeTarget {
  baseUrl: string;
  mode: ProbeMode;
}

/**
 * Where the probe goes: live CookiePay only with `--live`; else COOKIEPAY_BASE_URL, which is the sandbox unless set
 * (any other URL, e.g. a simulator, is used as given). A COOKIEPAY_BASE_URL naming live CookiePay without `--live`
 * is refused: probing live must be asked for.
 */
export const resolveProbeTarget = (configuredUrl: string, live: boolean): ProbeTarget => {
  if (live) return { baseUrl: liveUrl, mode: 'live' };
  const url = new URL(configuredUrl);
  if (liveHosts.has(url.hostname.toLowerCase())) {
    throw new Error(
      `COOKIEPAY_BASE_URL is live CookiePay (${url.host}): the probe goes there only with --live; without it, unset COOKIEPAY_BASE_URL to probe the sandbox`,
    );
  }
  const baseUrl = configuredUrl.replace(/\/+$/, '');
  return { baseUrl, mode: url.hostname.toLowerCase() === new URL(sandboxUrl).hostname ? 'sandbox' : 'other' };
};
