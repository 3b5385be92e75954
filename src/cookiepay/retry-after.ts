/**
 * How long a `Retry-After` header asks to wait, in ms: either delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`, counted from `now`; a date in the past means 0).
 * Absent, empty or unreadable → undefined (the caller picks its own fallback).
 */
export const parseRetryAfter = (
  value: string | readonly string[] | undefined,
  now: number,
): number | undefined => {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
};
