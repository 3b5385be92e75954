import { describeFieldProblems } from '../shared/field-problems.js';
import type { Assumptions } from './assumptions.js';
import type { Violation } from './manual/request-table.js';
import { type ResultAnswer, resultBody, resultCodes } from './result-codes.js';

/** What an API route answers when nothing scripted or faulty gets in the way. */
export interface ApiAnswer {
  status?: number;
  body: Record<string, string>;
  /** Sent instead of `body` when given: paysearch answers its records as a bare JSON array (body: its 0000). */
  records?: readonly Record<string, string>[];
}

export const resultAnswer = (endpoint: string, answer: ResultAnswer): ApiAnswer => ({
  body: resultBody(endpoint, answer),
});

/** A rejected TOKEN (bad, expired, revoked or missing) as the `tokenRejection` assumption answers it. */
export const tokenRejectionAnswer = (
  style: Assumptions['tokenRejection'],
  endpoint: string,
  message: string,
): ApiAnswer => {
  switch (style) {
    case 'token-message':
      return resultAnswer(endpoint, { code: resultCodes.tokenRejected.code, message });
    case 'http-401':
      return { status: 401, body: resultBody(endpoint, resultCodes.tokenUnauthorized) };
    case 'rtn-cd':
      return { body: resultBody('/payAuth/token', resultCodes.tokenRtnCd) };
    case 'resultcode':
      return resultAnswer(endpoint, resultCodes.tokenOtherCode);
  }
};

const subject = (violation: Violation): string => ('field' in violation ? violation.field : violation.header);

const onHeader = (violations: readonly Violation[], name: string) =>
  violations.filter((violation) => 'header' in violation && violation.header === name);

/** The answer's message, with the reasons when the header was there under another name or case. */
const withReasons = (answer: ResultAnswer, violations: readonly Violation[]): ResultAnswer => {
  const reasons = violations
    .map((violation) => violation.reason)
    .filter((reason) => !reason.startsWith('is required'));
  return reasons.length === 0
    ? answer
    : { code: answer.code, message: `${answer.message} (${reasons.join('; ')})` };
};

/**
 * The answer to a request that breaks the manual: a missing or misnamed ApiKey is E001, a missing or misnamed
 * TOKEN a token rejection, anything else E004 naming the fields ("FIELD: reason; …", at most five).
 */
export const refusalAnswer = (
  endpoint: string,
  violations: readonly Violation[],
  tokenRejection: Assumptions['tokenRejection'],
): ApiAnswer => {
  const apiKey = onHeader(violations, 'ApiKey');
  if (apiKey.length > 0) return resultAnswer(endpoint, withReasons(resultCodes.apiKeyMissing, apiKey));
  const token = onHeader(violations, 'TOKEN');
  if (token.length > 0) {
    return tokenRejectionAnswer(
      tokenRejection,
      endpoint,
      withReasons(resultCodes.tokenMissing, token).message,
    );
  }
  const problems = violations
    .slice(0, 5)
    .map((violation) => ({ field: subject(violation), reason: violation.reason }));
  return resultAnswer(endpoint, {
    code: resultCodes.invalidField.code,
    message: describeFieldProblems(problems, ': '),
  });
};
