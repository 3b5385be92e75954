import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { producerEnvSchema, simulatorEnvSchema, workerEnvSchema } from '../../../src/config/env.js';

describe('.env.example', () => {
  it('lists exactly the variables the code reads', async () => {
    const text = await readFile(join(import.meta.dirname, '..', '..', '..', '.env.example'), 'utf8');
    const listed = [...text.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    const read = [
      ...new Set([
        ...Object.keys(workerEnvSchema.shape),
        ...Object.keys(simulatorEnvSchema.shape),
        ...Object.keys(producerEnvSchema.shape),
      ]),
    ].sort();
    expect(listed).toEqual(read);
  });
});
