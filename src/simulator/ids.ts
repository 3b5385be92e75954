import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits (a slight modulo bias is irrelevant here). */
export const randomAlphanumeric = (length: number): string => {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return text;
};

export const randomDigits = (length: number): string => {
  let text = '';
  for (let i = 0; i < length; i++) text += String(randomInt(10));
  return text;
};

/** A date-time written YYYYMMDDHHMMSS in Korean time (UTC+9, no daylight saving). */
export const kstStamp = (epochMs: number): string => {
  const date = new Date(epochMs + 9 * 3600_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    String(date.getUTCFullYear()) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds())
  );
};

/** A 20-character TID in the style of real ones (`cTS25050809394695923`): prefix, yyMMddHHmmss, 5 digits. */
export const newTid = (epochMs: number): string => `SIM${kstStamp(epochMs).slice(2)}${randomDigits(5)}`;
