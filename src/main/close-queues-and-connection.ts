import { type CookiePayQueues, closeQueues } from '../contract/create-queues.js';
import type { RedisClient } from '../redis/redis-client.js';
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
