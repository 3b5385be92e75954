import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { deliveryJobId, jobIdProblem } from '../../src/contract/job-ids.js';
import { parseJobData } from '../../src/contract/parse-job-data.js';
import { deliveryRequestSchema } from '../../src/cookiepay/schemas/delivery.js';
import { BatchFileError } from '../../src/intake/shipments/batch-errors.js';
import { mapHeader, shipmentFields } from '../../src/intake/shipments/header-map.js';
import { rowToJob } from '../../src/intake/shipments/row-to-job.js';
import { type UploadDeps, uploadShipments } from '../../src/intake/shipments/upload-shipments.js';
import { nastyString, validDelivery } from './arbitraries.js';

const koreanLabels = [
  'PG거래고유번호',
  '결제금액 (원)',
  '실수령자',
  '실수령일(YYYYMMDD)',
  '실수령자와의 관계',
  '택배사명',
  '운송장번호',
  '배송지주소',
  '상품코드',
];

/** A header the mapper accepts: manual names or Korean labels, any order, PRODUCTCODE maybe left out. */
const header = fc
  .tuple(
    fc.shuffledSubarray(
      shipmentFields.map((_field, i) => i),
      { minLength: shipmentFields.length - 1 },
    ),
    fc.boolean(),
  )
  .map(([indices, korean]) => indices.map((i) => (korean ? koreanLabels[i] : shipmentFields[i]) as string))
  .filter((cells) => {
    try {
      mapHeader(cells);
      return true;
    } catch {
      return false;
    }
  });

/** A cell: a valid value of some field, or a nasty string. */
const cell = fc.oneof(
  validDelivery.chain((record) => fc.constantFrom(...Object.values(record).map(String))),
  nastyString,
);

/** Cells for a header: mostly the right values in the right columns, sometimes mutated, short or long. */
const rowFor = (headers: readonly string[]) =>
  fc.oneof(
    validDelivery.chain((record) =>
      fc.array(fc.tuple(fc.nat({ max: headers.length - 1 }), cell), { maxLength: 2 }).map((changes) => {
        const mapping = mapHeader(headers);
        const cells = mapping.map((field) => (field ? String(record[field] ?? '') : ''));
        for (const [index, value] of changes) cells[index] = value;
        return cells;
      }),
    ),
    fc.array(cell, { maxLength: headers.length + 2 }),
  );

describe('fuzz: CSV rows to delivery jobs', () => {
  it('mapHeader either maps every column or throws a BatchFileError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(nastyString, fc.constantFrom(...shipmentFields, ...koreanLabels)), {
          maxLength: 12,
        }),
        (headers) => {
          try {
            expect(mapHeader(headers)).toHaveLength(headers.length);
          } catch (error) {
            expect(error).toBeInstanceOf(BatchFileError);
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('rowToJob rejects only with its own problem list; accepted rows are valid delivery jobs for CookiePay', () => {
    fc.assert(
      fc.property(
        header.chain((headers) =>
          fc.tuple(fc.constant(headers), rowFor(headers), fc.integer({ min: 2, max: 1e6 })),
        ),
        ([headers, cells, line]) => {
          const outcome = rowToJob(mapHeader(headers), line, cells);
          expect(outcome.line).toBe(line);
          if (!outcome.ok) {
            expect(outcome.issues.length).toBeGreaterThan(0);
            for (const issue of outcome.issues) {
              expect(issue.field.trim()).not.toBe('');
              expect(issue.reason.trim()).not.toBe('');
            }
            return;
          }
          expect(parseJobData('delivery', outcome.data)).toEqual(outcome.data);
          expect(deliveryRequestSchema.safeParse({ API_ID: 'test-shop', ...outcome.data }).success).toBe(
            true,
          );
          expect(outcome.jobId).toBe(deliveryJobId(outcome.data.TID, outcome.data.WAYBILLNO));
          expect(jobIdProblem(outcome.jobId)).toBeUndefined();
        },
      ),
      { numRuns: 1_500 },
    );
  });
});

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** A dependency that must never be touched: a dry run makes no Redis call at all. */
const untouchable = <T extends object>(name: string): T =>
  new Proxy({} as T, {
    get: (_target, property) => {
      throw new Error(`dry run used ${name}.${String(property)}`);
    },
  });

const dryDeps = (): UploadDeps => ({
  connection: untouchable('connection'),
  prefix: 'fuzz',
  queues: { delivery: untouchable('delivery'), results: untouchable('results') },
  logger: createLogger({ level: 'silent' }),
});

describe('fuzz: uploadShipments with dryRun', () => {
  it('a well-formed CSV of fuzzed rows: every non-blank row is accepted or rejected with its line, as rowToJob says', async () => {
    await fc.assert(
      fc.asyncProperty(
        header.chain((headers) =>
          fc.tuple(
            fc.constant(headers),
            fc.array(rowFor(headers), { maxLength: 15 }),
            fc.constantFrom('utf-8', 'utf-8-bom', 'cp949'),
            fc.constantFrom('\n', '\r\n'),
          ),
        ),
        async ([headers, rows, encoding, eol]) => {
          // cp949 cannot hold emoji and the like: keep those rows' text to what it can round-trip.
          const fit = (text: string) =>
            encoding === 'cp949'
              ? iconv.decode(iconv.encode(text, 'cp949'), 'cp949')
              : text.replace(/[\ud800-\udfff]/g, '?');
          const cellsOf = rows.map((cells) => cells.map(fit));
          let text = `${headers.map(quote).join(',')}${eol}`;
          let line = 2;
          const expected: { line: number; ok: boolean }[] = [];
          for (const cells of cellsOf) {
            const record = cells.length === 0 ? '' : cells.map(quote).join(',');
            if (cells.some((c) => c.trim() !== '')) {
              expected.push({ line, ok: rowToJob(mapHeader(headers), line, cells).ok });
            }
            line += 1 + (record.match(/\r\n|\r|\n/g)?.length ?? 0);
            text += `${record}${eol}`;
          }
          const bytes =
            encoding === 'cp949'
              ? iconv.encode(text, 'cp949')
              : Buffer.concat([Buffer.from(encoding === 'utf-8-bom' ? '\ufeff' : ''), Buffer.from(text)]);
          const report = await uploadShipments(dryDeps(), { source: Readable.from([bytes]), dryRun: true });
          expect(report.dryRun).toBe(true);
          expect(report.rows).toBe(expected.length);
          expect(report.accepted).toBe(expected.filter((e) => e.ok).length);
          expect(report.alreadyEnqueued).toBe(0);
          expect(report.rejected.map((r) => r.line)).toEqual(
            expected.filter((e) => !e.ok).map((e) => e.line),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('arbitrary bytes: a report or a BatchFileError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
          fc
            .array(fc.oneof(nastyString, fc.constantFrom(',', '"', '\n', '\r\n', shipmentFields.join(','))), {
              maxLength: 30,
            })
            .map((parts) => Buffer.from(parts.join(''))),
          fc
            .array(fc.oneof(nastyString, fc.constantFrom(',', '"', '\n')), { maxLength: 30 })
            .map((parts) => Buffer.from(`${shipmentFields.join(',')}\n${parts.join('')}`)),
        ),
        async (bytes) => {
          try {
            const report = await uploadShipments(dryDeps(), { source: Readable.from([bytes]), dryRun: true });
            expect(report.accepted + report.rejected.length).toBe(report.rows);
          } catch (error) {
            expect(error, String(error)).toBeInstanceOf(BatchFileError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
