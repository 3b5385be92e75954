import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contractJsonSchemas } from '../src/contract/json-schemas.js';

/** `npm run schemas`: writes the contract's JSON Schema files to schemas/. */
const directory = join(import.meta.dirname, '..', 'schemas');
await mkdir(directory, { recursive: true });
for (const [file, schema] of Object.entries(contractJsonSchemas())) {
  await writeFile(join(directory, file), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${file}`);
}
