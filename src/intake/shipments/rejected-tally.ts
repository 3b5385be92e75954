import type { RejectedCount, RejectedRow, UploadReport } from '../../batches/batch-types.js';

/** Distinct field-and-reason pairs counted; further ones go to one `(other)` count. */
export const maxReasonsCounted = 100;
/** A field or reason longer than this is cut in the counts. */
const maxTextChars = 200;

const cut = (text: string) => (text.length > maxTextChars ? `${text.slice(0, maxTextChars)}…` : text);

export interface RejectedTally {
  add: (row: RejectedRow) => void;
  report: () => Pick<UploadReport, 'rejected' | 'rejectedCount' | 'rejectedByReason'>;
}

/**
 * The rejected rows of an upload, bounded whatever the file's size: the first `listed` rows in full, a count of
 * all of them, and counts by field and reason (at most `maxReasonsCounted` pairs, then `(other)`).
 */
export const rejectedTally = (listed: number): RejectedTally => {
  const rows: RejectedRow[] = [];
  const counts = new Map<string, RejectedCount>();
  let total = 0;
  /** Counted past `maxReasonsCounted` pairs; reported only when not zero. */
  const other: RejectedCount = { field: '(other)', reason: 'other reasons', count: 0 };
  const count = (field: string, reason: string) => {
    const key = `${field}\u0000${reason}`;
    const known = counts.get(key);
    if (known) known.count += 1;
    else if (counts.size < maxReasonsCounted) counts.set(key, { field, reason, count: 1 });
    else other.count += 1;
  };
  return {
    add: (row) => {
      total += 1;
      if (rows.length < listed) rows.push(row);
      for (const issue of row.issues) count(cut(issue.field), cut(issue.reason));
    },
    report: () => ({
      rejected: rows,
      rejectedCount: total,
      rejectedByReason: [...counts.values(), ...(other.count > 0 ? [other] : [])].sort(
        (a, b) => b.count - a.count,
      ),
    }),
  };
};
