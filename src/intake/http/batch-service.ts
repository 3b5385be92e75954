import type { BatchDeps } from '../../batches/batch-deps.js';
import { getBatchStatus } from '../../batches/batch-status.js';
import { uploadShipments } from '../shipments/upload-shipments.js';
import type { BatchService } from './http-deps.js';

/** The batch routes' service over the upload (src/intake/shipments) and the batch records (src/batches). */
export const createBatchService = (deps: BatchDeps): BatchService => ({
  upload: (source, { dryRun }) => uploadShipments(deps, { source, dryRun }),
  status: (batchId) => getBatchStatus(deps, batchId),
});
