import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { queueNames } from '../../contract/names.js';
import { redactSecrets } from '../../shared/secrets.js';
import { type AccessMode, guardScope } from './auth.js';

export const boardPath = '/board';

export interface BoardOptions {
  queues: readonly Queue[];
  access: AccessMode;
  readOnly: boolean;
}

/** Bull Board's page links web fonts on a public CDN: dropped (blocked by the CSP anyway; the system fonts serve). */
const cdnLink = /<link\b[^>]*\bhref="https:\/\/fonts\.(?:googleapis|gstatic)\.com[^"]*"[^>]*>/g;

const withoutStacks = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutStacks);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key === 'stacktrace' ? [] : withoutStacks(inner)]),
  );
};

/**
 * What the board sends, without what it must not show: the CDN font link of its page, and the stack traces of
 * failed jobs (the server's source paths) in its JSON answers (a job's failed reason stays).
 */
export const withoutLeaks = (contentType: unknown, payload: unknown): unknown => {
  if (typeof payload !== 'string') return payload;
  const type = String(contentType ?? '');
  if (type.includes('text/html')) return payload.replace(cdnLink, '');
  if (type.includes('application/json') && payload.includes('"stacktrace"')) {
    try {
      return JSON.stringify(withoutStacks(JSON.parse(payload)));
    } catch {
      return payload;
    }
  }
  return payload;
};

/**
 * Bull Board at /board over the given queues, behind basic auth; read-only mode on every adapter when asked, and
 * always on `cookiepay-results` (nothing but the worker adds results).
 * When no credentials are configured (and BOARD_AUTH is not off) the board is not built: /board answers 503.
 */
export const registerBoard = async (app: FastifyInstance, options: BoardOptions): Promise<void> => {
  await app.register(async (scope) => {
    await guardScope(scope, options.access);
    if (options.access.type === 'closed') {
      scope.all(boardPath, async () => undefined);
      scope.all(`${boardPath}/*`, async () => undefined);
      return;
    }
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(boardPath);
    const adapters = options.queues.map((queue) => {
      // Results are published by the worker alone: a job added or edited on the board would pass for one.
      const readOnlyMode = options.readOnly || queue.name === queueNames.results;
      const adapter = new BullMQAdapter(queue, { readOnlyMode });
      // Job data carries no secret by contract; this is a second line (any depth, any casing).
      adapter.setFormatter('data', (data) => redactSecrets(data));
      adapter.setFormatter('returnValue', (value) => redactSecrets(value));
      return adapter;
    });
    createBullBoard({
      queues: adapters,
      serverAdapter,
      options: { uiConfig: { boardTitle: 'cookiepay-worker' } },
    });
    scope.addHook('onSend', async (_request, reply, payload) =>
      withoutLeaks(reply.getHeader('content-type'), payload),
    );
    await scope.register(serverAdapter.registerPlugin(), { prefix: boardPath });
  });
};
