import type { BatchDeps } from './batch-deps.js';
import { isBatchId } from './batch-id.js';
import { batchKeys, readBatch } from './batch-store.js';
import type { RejectedRow } from './batch-types.js';

/** Rows read from Redis per round trip while streaming. */
const pageSize = 1_000;

export const rejectedCsvHeader = 'line,field,reason\r\n';

/**
 * A CSV cell: quoted, quotes doubled; a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` first so that a
 * spreadsheet shows it as text and never runs it as a formula.
 */
export const csvCell = (text: string): string =>
  `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;

/** A rejected row's CSV lines: one per field and reason, CRLF-terminated. */
export const rejectedRowCsv = (row: RejectedRow): string =>
  row.issues.map((issue) => `${row.line},${csvCell(issue.field)},${csvCell(issue.reason)}\r\n`).join('');

async function* pages(deps: Pick<BatchDeps, 'connection'>, key: string): AsyncGenerator<string> {
  yield rejectedCsvHeader;
  for (let start = 0; ; start += pageSize) {
    const page = await deps.connection.lrange(key, start, start + pageSize - 1);
    if (page.length > 0) yield page.map((json) => rejectedRowCsv(JSON.parse(json) as RejectedRow)).join('');
    if (page.length < pageSize) return;
  }
}

/**
 * Every rejected row of a batch as CSV (`line,field,reason`), streamed a page of 1,000 rows at a time from the
 * batch's rejected list; null when the batch is unknown (never uploaded, expired, or not a batch id).
 */
export const openRejectedCsv = async (
  deps: Pick<BatchDeps, 'connection' | 'prefix'>,
  batchId: string,
): Promise<AsyncIterable<string> | null> => {
  if (!isBatchId(batchId)) return null;
  const keys = batchKeys(deps.prefix, batchId);
  if (!(await readBatch(deps.connection, keys, batchId))) return null;
  return pages(deps, keys.rejected);
};
