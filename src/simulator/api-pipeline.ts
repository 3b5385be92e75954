import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AnswerAction, actionOfScript, scriptKind } from './answers.js';
import { type ApiAnswer, refusalAnswer } from './api-answer.js';
import type { SimulatorContext } from './context.js';
import type { SimulatedEndpoint } from './endpoints.js';
import { actionOfFault, pickFault } from './faults.js';
import { checkRequest, readFields } from './manual/check-request.js';
import type { ManualRequest, RequestTable } from './manual/request-table.js';
import { decideRate, recordRate, retryAfterSeconds } from './rate-window.js';
import type { RequestLogEntry } from './request-log.js';
import { resultBody } from './result-codes.js';
import { takeScripted } from './scripted-answers.js';

/** An endpoint's answer to a request that follows the manual, given its fields as strings. */
export type ApiHandler<T extends RequestTable> = (
  request: FastifyRequest,
  fields: ManualRequest<T>,
) => ApiAnswer | Promise<ApiAnswer>;

type EndpointTable = RequestTable & { endpoint: SimulatedEndpoint };

const drop = (request: FastifyRequest, reply: FastifyReply, entry: RequestLogEntry): void => {
  entry.status = null;
  reply.hijack();
  request.raw.socket.destroy();
};

const send = (reply: FastifyReply, entry: RequestLogEntry, answer: ApiAnswer): FastifyReply => {
  entry.status = answer.status ?? 200;
  entry.resultCode = answer.body.RESULTCODE ?? answer.body.RTN_CD ?? answer.body.cancel_code;
  return reply.code(entry.status).send(answer.records ?? answer.body);
};

const perform = async <T extends EndpointTable>(
  action: AnswerAction,
  context: SimulatorContext,
  table: T,
  handler: ApiHandler<T>,
  request: FastifyRequest,
  reply: FastifyReply,
  entry: RequestLogEntry,
): Promise<unknown> => {
  switch (action.kind) {
    case 'normal':
      return send(reply, entry, await handler(request, readFields(table, request.body)));
    case 'hang':
      await sleep(action.ms, undefined, { signal: context.closing.signal });
      return drop(request, reply, entry);
    case 'drop':
      return drop(request, reply, entry);
    case 'result':
      entry.status = action.status;
      entry.resultCode = action.answer.code;
      return reply.code(action.status).send(resultBody(table.endpoint, action.answer));
    case 'raw':
      entry.status = action.status;
      return reply.code(action.status).headers(action.headers).type(action.contentType).send(action.body);
  }
};

/**
 * Wraps an API route in what the simulator does to every CookiePay call: check it against the manual's table and
 * log it (with its violations), apply the rate limit and the global latency; refuse it if it broke the manual,
 * else answer the next scripted answer, a random fault or the handler's answer. Closing the simulator ends every
 * pending wait by dropping the connection.
 */
export const simulatedRoute =
  <T extends EndpointTable>(context: SimulatorContext, table: T, handler: ApiHandler<T>) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const at = context.now();
    const endpoint = table.endpoint;
    const { settings, closing } = context;
    const rawHeaders = request.raw.rawHeaders;
    const violations = checkRequest(
      table,
      { rawHeaders, body: request.body },
      { strictHeaderCase: settings.assumptions.strictHeaderCase },
    );
    const entry = context.log.add(endpoint, at, request.body, request.headers, { rawHeaders, violations });
    if (violations.length > 0) context.onViolation?.({ seq: entry.seq, endpoint, at, violations });
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
      if (violations.length > 0) {
        entry.outcome = 'refused';
        return send(reply, entry, refusalAnswer(endpoint, violations, settings.assumptions.tokenRejection));
      }
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
      return await perform(action, context, table, handler, request, reply, entry);
    } catch (error) {
      if (!closing.signal.aborted) throw error;
      entry.outcome = 'dropped';
      return drop(request, reply, entry);
    }
  };
