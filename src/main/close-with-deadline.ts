/**
 * Runs a graceful close, and the forced one if the graceful one has not finished within `timeoutMs`
 * (BullMQ's worker.close() has no deadline of its own and never resolves while Redis is unreachable).
 */
export const closeWithDeadline = async (
  graceful: () => Promise<void>,
  forced: () => Promise<void>,
  timeoutMs: number,
): Promise<'graceful' | 'forced'> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'forced'>((resolve) => {
    timer = setTimeout(() => resolve('forced'), timeoutMs);
  });
  const closed = graceful().then(() => 'graceful' as const);
  let outcome: 'graceful' | 'forced';
  try {
    outcome = await Promise.race([closed, expired]);
  } finally {
    // Also when the graceful close rejects: a pending timer would keep the process alive until the deadline.
    clearTimeout(timer);
  }
  if (outcome === 'forced') await forced();
  return outcome;
};
