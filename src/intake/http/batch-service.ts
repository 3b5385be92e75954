import { getBatchStatus } from '../../batches/batch-status.js';
import { openRejectedCsv } from '../../batches/rejected-csv.js';
import { type UploadDeps, uploadShipments } from '../shipments/upload-shipments.js';
import type { BatchService } from './http-deps.js';

/** The batch routes' service over the upload (src/intake/shipments) and the batch records (src/batches). */
export const createBatchService = (deps: UploadDeps): BatchService => ({
  upload: (source, { dryRun }) => uploadShipments(deps, { source, dryRun }),
  status: (batchId) => getBatchStatus(deps, batchId),
  rejectedCsv: (batchId) => openRejectedCsv(deps, batchId),
});
