import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AnswerAction, actionOfScript, scriptKind } from './answers.js';
import type { ApiAnswer } from './api-answer.js';
import type { SimulatorContext } from './context.js';
import type { SimulatedEndpoint } from './endpoints.js';
import { actionOfFault, pickFault } from './faults.js';
import { decideRate, recordRate, retryAfterSeconds } from './rate-window.js';
import type { RequestLogEntry } from './request-log.js';
import { resultBody } from './result-codes.js';
import { takeScripted } from './scripted-answers.js';

export type ApiHandler = (request: FastifyRequest) => ApiAnswer | Promise<ApiAnswer>;

const drop = (request: FastifyRequest, reply: FastifyReply, entry: RequestLogEntry): void => {
  entry.status = null;
  reply.hijack();
  request.raw.socket.destroy();
};

const perform = async (
  action: AnswerAction,
  context: SimulatorContext,
  endpoint: SimulatedEndpoint,
  handler: ApiHandler,
  request: FastifyRequest,
  reply: FastifyReply,
  entry: RequestLogEntry,
): Promise<unknown> => {
  switch (action.kind) {
    case 'normal': {
      const answer = await handler(request);
      entry.status = answer.status ?? 200;
      entry.resultCode = answer.body.RESULTCODE ?? answer.body.RTN_CD;
      return reply.code(entry.status).send(answer.body);
    }
    case 'hang':
      await sleep(action.ms, undefined, { signal: context.closing.signal });
      return drop(request, reply, entry);
    case 'drop':
      return drop(request, reply, entry);
    case 'result':
      entry.status = action.status;
      entry.resultCode = action.answer.code;
      return reply.code(action.status).send(resultBody(endpoint, action.answer));
    case 'raw':
      entry.status = action.status;
      return reply.code(action.status).headers(action.headers).type(action.contentType).send(action.body);
  }
};

/**
 * Wraps an API route in what the simulator does to every CookiePay call: log it, apply the rate limit, the
 * global latency, the next scripted answer or a random fault, then answer. Closing the simulator ends every
 * pending wait by dropping the connection.
 */
export const simulatedRoute =
  (context: SimulatorContext, endpoint: SimulatedEndpoint, handler: ApiHandler) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const at = context.now();
    const entry = context.log.add(endpoint, at, request.body, request.headers);
    const { settings, closing } = context;
    try {
      if (settings.rateLimit !== null) {
        const decision = decideRate(settings.rateLimit, at);
        if (!decision.allowed) {
          entry.outcome = 'rate-limited';
          entry.status = 429;
          const seconds = String(retryAfterSeconds(decision.retryAfterMs));
          if (settings.latencyMs > 0) await sleep(settings.latencyMs, undefined, { signal: closing.signal });
          return reply.code(429).header('retry-after', seconds).type('text/plain').send('Too Many Requests');
        }
        recordRate(settings.rateLimit, at);
      }
      if (settings.latencyMs > 0) await sleep(settings.latencyMs, undefined, { signal: closing.signal });
      let action: AnswerAction = { kind: 'normal' };
      const scripted = takeScripted(context.scripts, endpoint);
      if (scripted !== undefined) {
        entry.outcome = 'scripted';
        if (scripted.delayMs) await sleep(scripted.delayMs, undefined, { signal: closing.signal });
        action = actionOfScript(scripted);
        entry.detail = scriptKind(scripted);
      } else {
        const fault = pickFault(settings.faults, context.random(), context.random());
        if (fault !== null) {
          entry.outcome = 'fault';
          entry.detail = fault;
          action = actionOfFault(fault, settings.faults.hangMs);
        } else {
          entry.outcome = 'answered';
        }
      }
      return await perform(action, context, endpoint, handler, request, reply, entry);
    } catch (error) {
      if (!closing.signal.aborted) throw error;
      entry.outcome = 'dropped';
      return drop(request, reply, entry);
    }
  };
