import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BatchFileError } from '../../../../src/intake/shipments/batch-errors.js';
import { DecodeStream } from '../../../../src/intake/shipments/decode-stream.js';
import { encodingSampleBytes } from '../../../../src/intake/shipments/detect-encoding.js';

const decode = async (chunks: Buffer[]) => {
  const decoder = new DecodeStream();
  const out = await text(Readable.from(chunks).pipe(decoder));
  return { out, encoding: decoder.encoding };
};

/** Every single-byte split of the bytes, as two chunks. */
const splits = (bytes: Buffer) =>
  Array.from({ length: bytes.length - 1 }, (_, i) => [bytes.subarray(0, i + 1), bytes.subarray(i + 1)]);

describe('DecodeStream', () => {
  it('decodes CP949 whatever byte a chunk ends on (a two-byte character split in half)', async () => {
    const source = '실수령자,배송지주소\n홍길동,서울 중구\n';
    const bytes = iconv.encode(source, 'cp949');
    for (const chunks of splits(bytes)) {
      expect(await decode(chunks)).toEqual({ out: source, encoding: 'cp949' });
    }
  });

  it('decodes CP949 split past the detection sample', async () => {
    const line = '홍길동,서울특별시 중구 세종대로 110\n';
    const source = line.repeat(Math.ceil((encodingSampleBytes * 2) / 40));
    const bytes = iconv.encode(source, 'cp949');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 4_097) chunks.push(bytes.subarray(i, i + 4_097));
    expect(await decode(chunks)).toEqual({ out: source, encoding: 'cp949' });
  });

  it('decodes UTF-8 split inside a character, and drops the BOM', async () => {
    const source = 'TID,실수령자\n';
    for (const chunks of splits(Buffer.from(`\uFEFF${source}`))) {
      expect(await decode(chunks)).toEqual({ out: source, encoding: 'utf-8-bom' });
    }
    expect(await decode([Buffer.from(source)])).toEqual({ out: source, encoding: 'utf-8' });
  });

  it('fails a file whose UTF-8 turns invalid after the sample', async () => {
    const start = Buffer.from('a'.repeat(encodingSampleBytes));
    const rest = iconv.encode('홍길동\n', 'cp949');
    await expect(decode([start, rest])).rejects.toBeInstanceOf(BatchFileError);
  });

  it('refuses a Latin-1 file, naming the encodings accepted (was read as CP949 with U+FFFD)', async () => {
    const latin1 = Buffer.from('TID,RECEIVERNAME\nT1,Jérôme\n', 'latin1');
    const error = await decode([latin1]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BatchFileError);
    expect(error).toMatchObject({ problem: 'encoding' });
    expect((error as Error).message).toMatch(/UTF-8.*CP949/);
  });

  it('fails a file whose CP949 turns invalid after the sample', async () => {
    const start = iconv.encode('홍길동\n'.repeat(Math.ceil(encodingSampleBytes / 7) + 1), 'cp949');
    const rest = Buffer.from('T1,Jérôme\n', 'latin1');
    const error = await decode([start, rest]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BatchFileError);
    expect((error as Error).message).toContain('not valid CP949');
  });
});
