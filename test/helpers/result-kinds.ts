import type { ResultKind } from '../../src/contract/names.js';
import type { JobResult } from '../../src/contract/result-schema.js';

/** The result of one kind, with that kind's own fields (billNo, paymentStatus, verified, batch). */
export type ResultOfKind<Kind extends ResultKind> = Extract<JobResult, { kind: Kind }>;

/** A filter for the results of one kind: `results.filter(isResultOf('urlpay'))` is typed UrlPayResult[]. */
export const isResultOf =
  <Kind extends ResultKind>(kind: Kind) =>
  (result: JobResult): result is ResultOfKind<Kind> =>
    result.kind === kind;

/** The result as its kind's type; throws, naming both kinds, when it is of another kind or missing. */
export const resultOf = <Kind extends ResultKind>(
  kind: Kind,
  result: JobResult | undefined,
): ResultOfKind<Kind> => {
  if (result && isResultOf(kind)(result)) return result;
  throw new Error(`expected a ${kind} result, got ${result ? `a ${result.kind} result` : 'none'}`);
};
