import type { z } from 'zod';
import { describeFieldProblems, type FieldProblem, fieldProblemsOf } from '../shared/field-problems.js';

/**
 * Job data that breaks the contract. Thrown by the producer before anything reaches Redis, and reported by the
 * processors as a result with code INVALID_PAYLOAD and the same field list.
 */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
  readonly code = 'INVALID_PAYLOAD';

  constructor(
    readonly kind: string,
    readonly issues: readonly FieldProblem[],
  ) {
    super(`Invalid ${kind} job data: ${describeFieldProblems(issues)}`);
  }
}

/**
 * The field problems of job data (or of a notification body): `(data)` names the payload as a whole, and a
 * missing field reads `is required` (parse with `{ reportInput: true }` so a field of the wrong type keeps its
 * message; the values never leave the parse).
 */
export const payloadProblemsOf = (error: z.ZodError): FieldProblem[] =>
  fieldProblemsOf(error, { root: '(data)', missingIsRequired: true });
