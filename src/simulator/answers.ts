import { z } from 'zod';
import { type ResultAnswer, resultCodes } from './result-codes.js';

/** One scripted answer of `POST /__sim/script`; the options combine (e.g. delayMs with resultCode). */
export const scriptedAnswerSchema = z.object({
  resultCode: z.string().min(1).max(10).optional(),
  resultMessage: z.string().max(200).optional(),
  httpStatus: z.number().int().min(100).max(599).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  drop: z.boolean().optional(),
  body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
});

export type ScriptedAnswer = z.infer<typeof scriptedAnswerSchema>;

/** What the simulator does with one API request. */
export type AnswerAction =
  | { kind: 'normal' }
  | { kind: 'drop' }
  | { kind: 'hang'; ms: number }
  | { kind: 'result'; status: number; answer: ResultAnswer }
  | { kind: 'raw'; status: number; contentType: string; body: string; headers: Record<string, string> };

export const HTML_ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>' +
  '<p>The server encountered a temporary error.</p></body></html>';

export const BROKEN_JSON = '{"RESULTCODE":"0000","RESULTMSG":"성공","AMOUNT":';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

export const htmlAction = (status: number): AnswerAction => ({
  kind: 'raw',
  status,
  contentType: HTML,
  body: HTML_ERROR_PAGE,
  headers: {},
});

export const invalidJsonAction = (status: number): AnswerAction => ({
  kind: 'raw',
  status,
  contentType: JSON_TYPE,
  body: BROKEN_JSON,
  headers: {},
});

const rawBody = (status: number, body: ScriptedAnswer['body'], headers: Record<string, string>) =>
  ({
    kind: 'raw',
    status,
    contentType: typeof body === 'object' ? JSON_TYPE : TEXT,
    body: typeof body === 'object' ? JSON.stringify(body) : (body ?? `HTTP ${status}`),
    headers,
  }) satisfies AnswerAction;

/** The action a scripted answer stands for (its delayMs is applied separately, before it). */
export const actionOfScript = (answer: ScriptedAnswer): AnswerAction => {
  if (answer.drop) return { kind: 'drop' };
  if (answer.body === 'html') return htmlAction(answer.httpStatus ?? 200);
  if (answer.body === 'invalid-json') return invalidJsonAction(answer.httpStatus ?? 200);
  if (answer.retryAfterSeconds !== undefined) {
    return rawBody(answer.httpStatus ?? 429, answer.body ?? 'Too Many Requests', {
      'retry-after': String(answer.retryAfterSeconds),
    });
  }
  if (answer.resultCode !== undefined) {
    const message = answer.resultMessage ?? resultCodes.scripted.message;
    return { kind: 'result', status: answer.httpStatus ?? 200, answer: { code: answer.resultCode, message } };
  }
  if (answer.httpStatus !== undefined) return rawBody(answer.httpStatus, answer.body, {});
  return { kind: 'normal' };
};

/** A short name of a scripted answer for the request log. */
export const scriptKind = (answer: ScriptedAnswer): string => {
  if (answer.drop) return 'drop';
  if (answer.body === 'html' || answer.body === 'invalid-json') return answer.body;
  if (answer.retryAfterSeconds !== undefined) return 'retry-after';
  if (answer.resultCode !== undefined) return 'result-code';
  if (answer.httpStatus !== undefined) return 'http-status';
  return 'delay';
};
