import type { RedisClient } from '../cookiepay/redis-client.js';
import { type CookiePayQueues, closeQueues } from '../queues/create-queues.js';
import { closeWithDeadline } from './close-with-deadline.js';

/** Closes the queues (5 s at most), then the connection: QUIT, or a plain disconnect if Redis does not answer. */
export const closeQueuesAndConnection = async (
  queues: CookiePayQueues,
  connection: RedisClient,
): Promise<void> => {
  await closeWithDeadline(
    () => closeQueues(queues),
    async () => {},
    5_000,
  );
  await closeWithDeadline(
    async () => {
      await connection.quit();
    },
    async () => connection.disconnect(),
    2_000,
  );
};
