import type { BatchDeps } from '../batch/batch-deps.js';
import { getBatchStatus } from '../batch/batch-status.js';
import { uploadShipments } from '../batch/upload-shipments.js';
import type { BatchService } from './http-deps.js';

/** The batch routes' service over src/batch's functions. */
export const createBatchService = (deps: BatchDeps): BatchService => ({
  upload: (source, { dryRun }) => uploadShipments(deps, { source, dryRun }),
  status: (batchId) => getBatchStatus(deps, batchId),
});
