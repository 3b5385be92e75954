import type { z } from 'zod';
import { InvalidPayloadError, payloadProblemsOf } from './invalid-payload-error.js';
import { jobSchemas } from './job-schemas.js';
import type { JobKind } from './names.js';

export type ParsedJobData<Kind extends JobKind> = z.output<(typeof jobSchemas)[Kind]>;

/** Validates job data of a kind: the parsed data, or an InvalidPayloadError listing each field and its reason. */
export const parseJobData = <Kind extends JobKind>(kind: Kind, data: unknown): ParsedJobData<Kind> => {
  // reportInput lets payloadProblemsOf tell a missing field ("is required") from one of the wrong type; the
  // values themselves never leave this function (FieldProblem holds a field name and a reason only).
  const result = jobSchemas[kind].safeParse(data, { reportInput: true });
  if (!result.success) throw new InvalidPayloadError(kind, payloadProblemsOf(result.error));
  return result.data as ParsedJobData<Kind>;
};
