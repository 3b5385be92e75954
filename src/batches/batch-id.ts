import { randomBytes } from 'node:crypto';

/** A new batch id: `b-<time base36>-<8 random base36-ish chars>`, url-safe, no ":" (it is part of Redis keys). */
export const newBatchId = (now: number = Date.now()): string =>
  `b-${now.toString(36)}-${randomBytes(5).toString('hex')}`;

/** Ids accepted from outside (HTTP path, CLI argument): letters, digits, "-" and "_", so no key can be forged. */
export const isBatchId = (id: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(id);
