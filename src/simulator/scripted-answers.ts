import type { ScriptedAnswer } from './answers.js';

/** The answers still to give, per endpoint, in order: one is consumed by each request to that endpoint. */
export type ScriptQueues = Map<string, ScriptedAnswer[]>;

export const createScriptQueues = (): ScriptQueues => new Map();

/** Appends answers to an endpoint's queue (a second script call adds after the first). */
export const addScript = (
  queues: ScriptQueues,
  endpoint: string,
  answers: readonly ScriptedAnswer[],
): number => {
  const queue = queues.get(endpoint) ?? [];
  queue.push(...answers);
  queues.set(endpoint, queue);
  return queue.length;
};

/** The next scripted answer for the endpoint, removed from its queue; undefined when none is left. */
export const takeScripted = (queues: ScriptQueues, endpoint: string): ScriptedAnswer | undefined => {
  const queue = queues.get(endpoint);
  if (queue === undefined) return undefined;
  const answer = queue.shift();
  if (queue.length === 0) queues.delete(endpoint);
  return answer;
};

/** How many answers are still queued, per endpoint. */
export const pendingScripts = (queues: ScriptQueues): Record<string, number> =>
  Object.fromEntries([...queues].map(([endpoint, queue]) => [endpoint, queue.length]));
