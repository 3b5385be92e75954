import type { z } from 'zod';

/** One problem of a value checked against a schema: which field, and why. Never the value itself. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. `AMOUNT` or `items.0.NAME`; the `root` label for the value as a whole. */
  field: string;
  reason: string;
}

export interface FieldProblemOptions {
  /** The `field` of a problem with the value as a whole (an empty path), e.g. `(data)` or `(body)`. */
  root: string;
  /**
   * A missing field reads `is required` instead of the schema's message. zod tells a missing field (no input) from
   * one of the wrong type only when the value was parsed with `{ reportInput: true }`; without it, every wrong
   * type reads `is required`.
   */
  missingIsRequired?: boolean | undefined;
}

/** The field problems of a zod error, one per issue in zod's order. The reasons are the schema's messages. */
export const fieldProblemsOf = (error: z.ZodError, options: FieldProblemOptions): FieldProblem[] =>
  error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : options.root,
    reason:
      options.missingIsRequired && issue.code === 'invalid_type' && issue.input === undefined
        ? 'is required'
        : issue.message,
  }));

/** `FIELD reason; FIELD2 reason`: the problems in one line, as error messages show them. */
export const describeFieldProblems = (problems: readonly FieldProblem[], separator = ' '): string =>
  problems.map(({ field, reason }) => `${field}${separator}${reason}`).join('; ');
