import { createHash } from 'node:crypto';

/**
 * BullMQ's rules for a custom job id: a non-empty string, no ":" (it separates Redis key parts) and not all
 * digits (those are BullMQ's own ids). Returns the reason it is refused, or undefined when it is fine.
 */
export const jobIdProblem = (jobId: string): string | undefined => {
  if (jobId.length === 0) return 'must not be empty';
  if (jobId.length > 200) return 'must be at most 200 characters';
  if (jobId.includes(':')) return 'must not contain ":"';
  if (/^\d+$/.test(jobId)) return 'must not be all digits (BullMQ keeps those for its own ids)';
  return undefined;
};

/**
 * The job id of an escrow delivery when the caller gives none: one registration per TID and waybill, so the same
 * shipment enqueued twice (or a CSV uploaded twice) adds nothing.
 */
export const deliveryJobId = (tid: string, waybillNo: string): string =>
  `delivery-${createHash('sha256').update(`${tid.trim()}\n${waybillNo.trim()}`).digest('hex').slice(0, 32)}`;

/**
 * The job id of a cancel when the caller gives none: one per TID and amount (none: the full cancel), so a double
 * click, or the same cancel enqueued again, refunds once. `amount` as the job schema normalises it (digits, no
 * leading zeros), so 1000 and "01000" are the same cancel.
 */
export const cancelJobId = (tid: string, amount: string | undefined): string =>
  `cancel-${createHash('sha256')
    .update(`${tid.trim()}\n${amount ?? 'full'}`)
    .digest('hex')
    .slice(0, 32)}`;
