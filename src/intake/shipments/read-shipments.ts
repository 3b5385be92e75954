import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { BatchFileError } from './batch-errors.js';
import { DecodeStream } from './decode-stream.js';
import type { FileEncoding } from './detect-encoding.js';

/** One CSV record and the line of the file it starts on (the header is line 1). */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface ShipmentRows {
  /** The header row's cells. */
  header: string[];
  /** The data rows, streamed: read one at a time, with backpressure on the file. */
  rows: AsyncIterable<CsvRow>;
  encoding: FileEncoding;
  /** Stops reading the file (when the header is refused and the rows are never read). */
  cancel: () => void;
}

/** Line breaks inside a record's raw text, its own trailing delimiter excluded. */
const lineBreaksIn = (raw: string): number => {
  const body = raw.replace(/(?:\r\n|\r|\n)$/, '');
  return body.match(/\r\n|\r|\n/g)?.length ?? 0;
};

/** A record (a line, or lines in quotes) longer than this is refused: no shipment row comes near it. */
export const maxRecordBytes = 1_048_576;
const maxMessageChars = 300;

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

const asFileError = (error: unknown, line: number): unknown => {
  if (error instanceof BatchFileError) return error;
  if (error instanceof CsvError) {
    // csv-parse says where it noticed the problem; records already parsed in the same chunk are dropped with it.
    const noticed = (error as CsvError & { lines?: number }).lines;
    // Some of csv-parse's messages quote the field they stopped in, which may be megabytes long: cut.
    const message = error.message.replace(/ at line \d+/, '');
    const cut = message.length > maxMessageChars ? `${message.slice(0, maxMessageChars)}…` : message;
    return new BatchFileError('csv', cut, noticed ?? line);
  }
  return error;
};

/**
 * Reads a shipment CSV from its bytes: detects and decodes the encoding, parses with csv-parse's streaming API,
 * and yields each non-blank record with the line it starts on (counted from the raw text, so quoted fields that
 * span lines keep the numbers right). Resolves once the header has been read.
 */
export const readShipments = async (source: Readable): Promise<ShipmentRows> => {
  const decoder = new DecodeStream();
  const parser = parse({
    raw: true,
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: maxRecordBytes,
  });
  pipeline(source, decoder, parser, () => {
    // Errors reach the consumer through the parser, which pipeline destroys with them.
  });
  const iterator: AsyncIterator<{ record: string[]; raw: string }> = parser[Symbol.asyncIterator]();
  let nextLine = 1;
  const next = async (): Promise<CsvRow | undefined> => {
    for (;;) {
      let step: IteratorResult<{ record: string[]; raw: string }>;
      try {
        step = await iterator.next();
      } catch (error) {
        throw asFileError(error, nextLine);
      }
      if (step.done) return undefined;
      const line = nextLine;
      nextLine += 1 + lineBreaksIn(step.value.raw);
      if (!isBlank(step.value.record)) return { line, cells: step.value.record };
    }
  };
  const first = await next();
  if (!first) {
    source.destroy();
    throw new BatchFileError('empty', 'the file has no header row (it is empty)');
  }
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for (;;) {
        const row = await next();
        if (!row) return;
        yield row;
      }
    } finally {
      // Stops reading the file when the consumer stops early (an error, a break).
      parser.destroy();
    }
  }
  return {
    header: first.cells,
    rows: rows(),
    encoding: decoder.encoding ?? 'utf-8',
    cancel: () => parser.destroy(),
  };
};
