import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractJsonSchemas } from '../../../src/contract/json-schemas.js';
import { resultKinds } from '../../../src/contract/names.js';

const directory = join(import.meta.dirname, '..', '..', '..', 'schemas');

describe('schemas/*.json', () => {
  it('match the zod schemas of the contract (run `npm run schemas` when this fails)', async () => {
    const expected = contractJsonSchemas();
    const files = (await readdir(directory)).filter((file) => file.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(expected).sort());
    for (const [file, schema] of Object.entries(expected)) {
      const written = JSON.parse(await readFile(join(directory, file), 'utf8'));
      expect(written, `schemas/${file} is stale`).toEqual(schema);
    }
  });

  it('describe a result as one schema per kind, told apart by a constant `kind`', () => {
    const { 'result.json': result } = contractJsonSchemas() as Record<
      string,
      { oneOf: { properties: { kind: { const: string } }; required: string[] }[] }
    >;
    expect(result?.oneOf.map((option) => option.properties.kind.const)).toEqual([...resultKinds]);
    for (const option of result?.oneOf ?? []) expect(option.required).toContain('kind');
  });

  it('describe the job fields with the manual names and lengths', () => {
    const { 'urlpay-job.json': urlpay, 'delivery-job.json': delivery } = contractJsonSchemas() as Record<
      string,
      { properties: Record<string, { maxLength?: number }>; required: string[] }
    >;
    expect(urlpay?.required).toEqual(
      expect.arrayContaining(['PRODUCTNAME', 'AMOUNT', 'BUYERNAME', 'BUYERHP']),
    );
    expect(urlpay?.properties.PRODUCTNAME?.maxLength).toBe(40);
    expect(delivery?.required).toEqual(
      expect.arrayContaining(['TID', 'AMOUNT', 'RECEIVERNAME', 'RECEIVERDATE', 'PARCELNAME', 'WAYBILLNO']),
    );
    expect(delivery?.properties.DELIVERYADDR?.maxLength).toBe(100);
  });
});
