import { expect } from 'vitest';
import { InvalidPayloadError } from '../../../src/contract/invalid-payload-error.js';
import type { JobKind } from '../../../src/contract/names.js';
import { parseJobData } from '../../../src/contract/parse-job-data.js';
import type { FieldProblem } from '../../../src/shared/field-problems.js';

/** The InvalidPayloadError parseJobData throws for this data; fails the test when it does not throw one. */
export const invalidPayloadOf = (kind: JobKind, data: unknown): InvalidPayloadError => {
  try {
    parseJobData(kind, data);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPayloadError);
    return error as InvalidPayloadError;
  }
  return expect.unreachable(`parseJobData('${kind}') should have thrown an InvalidPayloadError`);
};

export const problemsOf = (kind: JobKind, data: unknown): readonly FieldProblem[] =>
  invalidPayloadOf(kind, data).issues;

/** The distinct field names of the problems, sorted. */
export const fieldsOf = (problems: readonly FieldProblem[]): string[] =>
  [...new Set(problems.map((problem) => problem.field))].sort();
