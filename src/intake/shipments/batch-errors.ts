/** Why a whole file was refused or an upload stopped: a bad header, bytes that are not text, broken CSV. */
export type BatchFileProblem = 'header' | 'encoding' | 'csv' | 'empty';

/**
 * The file as a whole cannot be read. A header problem is found before anything is enqueued; an encoding or CSV
 * problem further down stops the upload where it is (rows before it stay enqueued, `batchId` tells which batch).
 */
export class BatchFileError extends Error {
  override readonly name = 'BatchFileError';
  readonly code = 'INVALID_FILE';

  constructor(
    readonly problem: BatchFileProblem,
    message: string,
    readonly line?: number,
    /** The batch that holds the rows enqueued before the problem, when there were any. */
    public batchId?: string,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}
