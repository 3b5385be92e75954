import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { BatchFileError } from './batch-errors.js';
import {
  acceptedEncodings,
  detectEncoding,
  encodingSampleBytes,
  type FileEncoding,
  replacementCharacter,
} from './detect-encoding.js';

const iconvName: Record<FileEncoding, string> = { 'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', cp949: 'cp949' };

/**
 * Bytes of a shipment file in, UTF-8 text out. Holds the first 64 KiB back to detect the encoding (BOM, valid
 * UTF-8, else valid CP949, else the file is refused), then decodes chunk by chunk with iconv-lite's stateful
 * decoder, so a multi-byte character split across two chunks comes out whole. The BOM is dropped. Bytes past the
 * sample that do not decode in the detected encoding fail the stream with a BatchFileError rather than producing
 * U+FFFD.
 */
export class DecodeStream extends Transform {
  /** The detected encoding, once the first 64 KiB (or the whole file) has arrived. */
  encoding: FileEncoding | undefined;
  private sample: Buffer[] = [];
  private sampleBytes = 0;
  private decoder: iconv.DecoderStream | undefined;

  constructor(private readonly onEncoding?: (encoding: FileEncoding) => void) {
    super({ decodeStrings: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      if (this.decoder) {
        this.emitText(this.decoder.write(chunk));
      } else {
        this.sample.push(chunk);
        this.sampleBytes += chunk.length;
        if (this.sampleBytes >= encodingSampleBytes) this.startDecoding(false);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (!this.decoder) this.startDecoding(true);
      this.emitText(this.decoder?.end() ?? '');
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private startDecoding(complete: boolean): void {
    const sample = Buffer.concat(this.sample, this.sampleBytes);
    this.sample = [];
    const encoding = detectEncoding(sample, complete);
    if (!encoding)
      throw new BatchFileError(
        'encoding',
        `the file is neither UTF-8 nor CP949 (bytes that decode in neither, e.g. Latin-1); accepted: ${acceptedEncodings}`,
      );
    this.encoding = encoding;
    this.onEncoding?.(encoding);
    this.decoder = iconv.getDecoder(iconvName[encoding], { stripBOM: true });
    this.emitText(this.decoder.write(sample));
  }

  private emitText(text: string): void {
    if (text.length === 0) return;
    if (text.includes(replacementCharacter)) {
      throw new BatchFileError(
        'encoding',
        `the file is not valid ${this.encoding === 'cp949' ? 'CP949' : 'UTF-8'} throughout (its start was); ` +
          `accepted: ${acceptedEncodings}`,
      );
    }
    this.push(text);
  }
}
