import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { redactSecrets } from '../../shared/secrets.js';
import { type AccessMode, guardScope } from './auth.js';

export const boardPath = '/board';

export interface BoardOptions {
  queues: readonly Queue[];
  access: AccessMode;
  readOnly: boolean;
}

/**
 * Bull Board at /board over the given queues, behind basic auth; read-only mode on every adapter when asked.
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
      const adapter = new BullMQAdapter(queue, { readOnlyMode: options.readOnly });
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
    await scope.register(serverAdapter.registerPlugin(), { prefix: boardPath });
  });
};
