import { createHash } from 'node:crypto';

export const billNoLength = 20;

/**
 * The BILL_NO a urlpay job without one is sent with: stable for the job, so a retry after a lost answer re-sends
 * the same bill instead of creating a second payment link. Derived from the queue prefix and the job id (the
 * caller's idempotency key); BullMQ's own numeric ids restart when a queue is emptied, so for those the time the
 * job was added is part of the key too. 20 characters: "W" and 19 base-36 digits of a SHA-256 (about 98 bits).
 */
export const deriveBillNo = (prefix: string, jobId: string, addedAt: number): string => {
  const key = /^\d+$/.test(jobId) ? `${prefix}/${jobId}@${addedAt}` : `${prefix}/${jobId}`;
  const digest = createHash('sha256').update(key).digest();
  const number = digest.readBigUInt64BE(0) * 2n ** 64n + digest.readBigUInt64BE(8);
  return `W${number
    .toString(36)
    .toUpperCase()
    .padStart(billNoLength - 1, '0')
    .slice(-(billNoLength - 1))}`;
};
