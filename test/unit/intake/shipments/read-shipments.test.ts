import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BatchFileError } from '../../../../src/intake/shipments/batch-errors.js';
import { type CsvRow, readShipments } from '../../../../src/intake/shipments/read-shipments.js';

const read = async (bytes: Buffer, chunkSize = bytes.length || 1) => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const file = await readShipments(Readable.from(chunks));
  const rows: CsvRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return { header: file.header, rows, encoding: file.encoding };
};

describe('readShipments', () => {
  it('numbers rows by the line they start on: quoted line breaks, blank lines, CRLF', async () => {
    const csv = 'TID,DELIVERYADDR\r\nT1,"서울\r\n중구"\r\n\r\nT2,부산\r\n,\r\nT3,"a\nb\nc"\nT4,대구';
    const { header, rows } = await read(Buffer.from(csv), 3);
    expect(header).toEqual(['TID', 'DELIVERYADDR']);
    expect(rows).toEqual([
      { line: 2, cells: ['T1', '서울\r\n중구'] },
      { line: 5, cells: ['T2', '부산'] },
      { line: 7, cells: ['T3', 'a\nb\nc'] },
      { line: 10, cells: ['T4', '대구'] },
    ]);
  });

  it('reads CP949 with Korean headers in small chunks', async () => {
    const csv = '운송장번호,실수령자\n123,홍길동\n';
    const { header, rows, encoding } = await read(iconv.encode(csv, 'cp949'), 1);
    expect(encoding).toBe('cp949');
    expect(header).toEqual(['운송장번호', '실수령자']);
    expect(rows).toEqual([{ line: 2, cells: ['123', '홍길동'] }]);
  });

  it('refuses an empty file', async () => {
    await expect(read(Buffer.from('\r\n\r\n'))).rejects.toMatchObject({ problem: 'empty' });
  });

  it('stops on broken CSV with the line it reached', async () => {
    const error = await read(Buffer.from('TID,AMOUNT\nT1,1\nT2,"unclosed\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchFileError);
    expect(error).toMatchObject({ problem: 'csv', line: 3 });
  });
});
