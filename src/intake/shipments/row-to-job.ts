import type { RejectedRow } from '../../batches/batch-types.js';
import { InvalidPayloadError } from '../../contract/invalid-payload-error.js';
import { deliveryJobId } from '../../contract/job-ids.js';
import type { DeliveryJob } from '../../contract/job-schemas.js';
import { parseJobData } from '../../contract/parse-job-data.js';
import type { HeaderMapping } from './header-map.js';

export interface ShipmentJob {
  ok: true;
  line: number;
  jobId: string;
  data: DeliveryJob;
}

export type RowOutcome = ShipmentJob | ({ ok: false } & RejectedRow);

/**
 * One CSV row to a delivery job: the cells under their fields (blank cells left out, so a blank required field
 * "is required"), checked with the delivery job schema. A valid row gets the job id derived from TID and
 * WAYBILLNO; an invalid one is rejected with its line number and every field's reason.
 */
export const rowToJob = (mapping: HeaderMapping, line: number, cells: readonly string[]): RowOutcome => {
  const extra = cells.slice(mapping.length).filter((cell) => cell.trim() !== '').length;
  if (extra > 0) {
    return {
      ok: false,
      line,
      issues: [
        {
          field: '(row)',
          reason: `has ${extra} more value${extra > 1 ? 's' : ''} than the header has columns`,
        },
      ],
    };
  }
  const record: Record<string, string> = {};
  mapping.forEach((field, index) => {
    const cell = cells[index];
    if (field && cell !== undefined && cell.trim() !== '') record[field] = cell;
  });
  try {
    const data = parseJobData('delivery', record);
    return { ok: true, line, jobId: deliveryJobId(data.TID, data.WAYBILLNO), data };
  } catch (error) {
    if (error instanceof InvalidPayloadError) return { ok: false, line, issues: [...error.issues] };
    throw error;
  }
};
