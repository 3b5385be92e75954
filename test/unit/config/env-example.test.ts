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

describe('docker-compose.yml', () => {
  it('sets only variables the code reads, and interpolates only documented ones', async () => {
    const text = await readFile(join(import.meta.dirname, '..', '..', '..', 'docker-compose.yml'), 'utf8');
    const known = new Set([
      ...Object.keys(workerEnvSchema.shape),
      ...Object.keys(simulatorEnvSchema.shape),
      ...Object.keys(producerEnvSchema.shape),
    ]);
    const set = [...text.matchAll(/^ {6}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    const interpolated = [...text.matchAll(/\$\{([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]);
    expect(set.length).toBeGreaterThan(5);
    expect(set.filter((name) => !known.has(name ?? ''))).toEqual([]);
    expect(interpolated.filter((name) => !known.has(name ?? ''))).toEqual([]);
  });
});
