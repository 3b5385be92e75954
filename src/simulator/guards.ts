import type { FastifyRequest } from 'fastify';
import { type ApiAnswer, tokenRejectionAnswer } from './api-answer.js';
import type { SimulatorContext } from './context.js';
import type { TokenClaims } from './jwt.js';
import { type ResultAnswer, resultCodes } from './result-codes.js';

/**
 * A header by its lower-case name (Node lower-cases them, so `ApiKey`, `apikey` and `APIKEY` all match). Whether
 * the name was written as the manual writes it is the request table's check (`strictHeaderCase`), made before.
 */
export const headerValue = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The ApiKey header must be there and be the account's key. */
export const checkApiKey = (context: SimulatorContext, request: FastifyRequest): ResultAnswer | null => {
  const apiKey = headerValue(request, 'apikey');
  if (apiKey === undefined || apiKey === '') return resultCodes.apiKeyMissing;
  return apiKey === context.apiKey ? null : resultCodes.idKeyMismatch;
};

const TOKEN_MESSAGES = {
  malformed: 'TOKEN 형식이 올바르지 않습니다',
  'bad-signature': 'TOKEN 서명이 올바르지 않습니다 (알 수 없는 토큰)',
  expired: 'TOKEN이 만료되었습니다',
  revoked: resultCodes.tokenRejected.message,
} as const;

export type TokenGuard = { ok: true; claims: TokenClaims } | { ok: false; answer: ApiAnswer };

/**
 * The TOKEN header must hold a token this simulator issued, not expired and not revoked; a rejection is answered
 * as the `tokenRejection` assumption says.
 */
export const checkToken = (
  context: SimulatorContext,
  request: FastifyRequest,
  endpoint: string,
): TokenGuard => {
  const style = context.settings.assumptions.tokenRejection;
  const token = headerValue(request, 'token');
  if (token === undefined || token === '') {
    return { ok: false, answer: tokenRejectionAnswer(style, endpoint, resultCodes.tokenMissing.message) };
  }
  const result = context.tokens.check(token, context.now());
  if (result.ok) return result;
  return { ok: false, answer: tokenRejectionAnswer(style, endpoint, TOKEN_MESSAGES[result.reason]) };
};
