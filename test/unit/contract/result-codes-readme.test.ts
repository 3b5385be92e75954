import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerResultCodes } from '../../../src/contract/result-codes.js';

const readme = join(import.meta.dirname, '..', '..', '..', 'README.md');
const start = '<!-- worker-codes:start -->';
const end = '<!-- worker-codes:end -->';

/** The first backticked code of each table row or list item between the markers (header rows have none). */
const codesListed = (text: string): string[] => {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from === -1 || to === -1) throw new Error(`README.md has no block between ${start} and ${end}`);
  return text
    .slice(from + start.length, to)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^([|*-]|\d+\.)/.test(line))
    .map((line) => /`([^`]+)`/.exec(line)?.[1])
    .filter((code) => code !== undefined);
};

describe("README's list of the worker's codes", () => {
  it('reads the first code of each row or item of the block', () => {
    const text = `x\n${start}\n| code | when |\n| --- | --- |\n| \`A\` | uses \`B\` |\n- \`C\`: c\n${end}\n- \`D\``;
    expect(codesListed(text)).toEqual(['A', 'C']);
    expect(() => codesListed('no block')).toThrow(/worker-codes:start/);
  });

  it('names exactly the codes of workerResultCodes, each once', async () => {
    const listed = codesListed(await readFile(readme, 'utf8'));
    expect([...listed].sort()).toEqual([...workerResultCodes].sort());
  });
});
