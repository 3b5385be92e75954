import type { z } from 'zod';
import { describeFieldProblems, fieldProblemsOf } from '../shared/field-problems.js';
import { type ResultAnswer, resultBody, resultCodes } from './result-codes.js';

/** What an API route answers when nothing scripted or faulty gets in the way. */
export interface ApiAnswer {
  status?: number;
  body: Record<string, string>;
}

export const resultAnswer = (endpoint: string, answer: ResultAnswer): ApiAnswer => ({
  body: resultBody(endpoint, answer),
});

/** "FIELD: reason; FIELD2: reason" from zod issues, so that a validation error names its fields. */
export const describeIssues = (error: z.ZodError): string =>
  describeFieldProblems(fieldProblemsOf(error, { root: 'body' }).slice(0, 5), ': ');

export const validationAnswer = (endpoint: string, error: z.ZodError): ApiAnswer =>
  resultAnswer(endpoint, { code: resultCodes.invalidField.code, message: describeIssues(error) });
