import type { Readable } from 'node:stream';
import type { FieldProblem } from '../shared/field-problems.js';

/** A CSV row that was not enqueued: its line number in the file (header = line 1), each field and reason. */
export interface RejectedRow {
  line: number;
  issues: FieldProblem[];
}

/** How many rejected rows had `field` refused for `reason`. */
export interface RejectedCount {
  field: string;
  reason: string;
  count: number;
}

/** What an upload reports when the whole file has been read. */
export interface UploadReport {
  /** The batch id (also when dryRun: then nothing was stored). */
  batchId: string;
  dryRun: boolean;
  /** Data rows read. */
  rows: number;
  /** Valid rows: enqueued, or already enqueued by an earlier upload (same TID + WAYBILLNO). */
  accepted: number;
  /** Of the accepted rows, those whose job already existed (nothing added for them). */
  alreadyEnqueued: number;
  /**
   * The first rejected rows in full (UPLOAD_REPORT_REJECTED_ROWS, 1,000 by default); all of them are kept with the
   * batch (`GET /batches/:id/rejected.csv`, `cookiepay-worker rejected <id>`), except for a dry run.
   */
  rejected: RejectedRow[];
  /** Every rejected row, counted (`rejected` lists the first of them). */
  rejectedCount: number;
  /** The rejected rows counted by field and reason, most frequent first. */
  rejectedByReason: RejectedCount[];
  /** The file's encoding as detected: utf-8, utf-8-bom or cp949. */
  encoding: string;
}

export interface UploadProgress {
  rows: number;
  accepted: number;
  rejected: number;
}

export interface UploadShipmentsInput {
  /** The file's bytes, streamed. */
  source: Readable;
  dryRun?: boolean;
  onProgress?: (progress: UploadProgress) => void;
}

/** The state of a batch, computed from its jobs. */
export interface BatchStatus {
  batchId: string;
  createdAt: string;
  /** Accepted rows (jobs) in the batch. */
  total: number;
  waiting: number;
  succeeded: number;
  failed: { line: number; jobId: string; code: string; reason: string }[];
  rejected: number;
  /** Every job has ended. */
  done: boolean;
  /** `uploading`, `open` (uploaded, summary not yet published), `done` (summary published) or `aborted` (the
   * upload stopped on a broken file; the rows enqueued before it still run and are counted here). */
  status: string;
  /** Data rows read from the file. */
  rows: number;
  /** Accepted rows whose job already existed when uploaded. */
  alreadyEnqueued: number;
  /** Ended jobs whose job and result have both been removed (retention): counted neither succeeded nor failed. */
  unknown: number;
  /** The first 1,000 rejected rows (all of them: `GET /batches/:id/rejected.csv`). */
  rejectedRows: RejectedRow[];
  /** Why an aborted upload stopped. */
  error?: string;
}
