import type { z } from 'zod';

export interface FieldProblem {
  /** Dotted path of the field, e.g. `AMOUNT`, or `(data)` for the payload as a whole. */
  field: string;
  reason: string;
}

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
    super(`Invalid ${kind} job data: ${issues.map((issue) => `${issue.field} ${issue.reason}`).join('; ')}`);
  }
}

export const fieldProblemsOf = (error: z.ZodError): FieldProblem[] =>
  error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(data)',
    reason: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
  }));
