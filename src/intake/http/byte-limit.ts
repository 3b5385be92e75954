import { Transform, type TransformCallback } from 'node:stream';

/** An upload beyond UPLOAD_MAX_BYTES: answered 413. */
export class UploadTooLargeError extends Error {
  override readonly name = 'UploadTooLargeError';
  readonly statusCode = 413;
  readonly code = 'UPLOAD_TOO_LARGE';
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes (UPLOAD_MAX_BYTES)`);
  }
}

/** Passes bytes through until more than `maxBytes` went by, then fails with UploadTooLargeError. */
export const byteLimit = (maxBytes: number): Transform => {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new UploadTooLargeError(maxBytes));
      else callback(null, chunk);
    },
  });
};
