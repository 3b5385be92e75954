import type { ChainableCommander } from 'ioredis';

/** Runs a pipeline or MULTI and throws the first command error instead of leaving it in the replies. */
export const execAll = async (commands: ChainableCommander): Promise<unknown[]> => {
  const replies = (await commands.exec()) ?? [];
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
};
