/**
 * Failed logins counted per source address over a window. Past `maxFailures`, the address is slowed down, not shut
 * out: it may make one login attempt per `windowMs / maxFailures` (6 s for 10 a minute); the others are answered 429
 * unchecked. So a guesser gets no more than `maxFailures` guesses a window, while the right password from the same
 * address still gets in, after at most one such wait; a good login clears the address. Other addresses are never
 * affected.
 */
export interface LoginThrottle {
  /**
   * Seconds until the address may try again (answer 429 without checking), or undefined when this attempt is to be
   * checked (it then takes the address's one attempt of the moment).
   */
  blockedFor(address: string): number | undefined;
  /** Counts one failed login of the address. */
  fail(address: string): void;
  /** A good login: the address starts afresh. */
  succeed(address: string): void;
}

export interface LoginThrottleOptions {
  /** Failed logins one address may make per window before it is slowed to one attempt per window / maxFailures. */
  maxFailures: number;
  windowMs?: number | undefined;
  now?: (() => number) | undefined;
  /** Addresses remembered at most (expired ones are dropped first; then the oldest). */
  maxAddresses?: number | undefined;
}

export const createLoginThrottle = (options: LoginThrottleOptions): LoginThrottle => {
  const windowMs = options.windowMs ?? 60_000;
  const spacingMs = windowMs / options.maxFailures;
  const now = options.now ?? Date.now;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const failures = new Map<string, { count: number; endsAt: number; nextTryAt: number }>();
  const current = (address: string) => {
    const entry = failures.get(address);
    if (entry && entry.endsAt <= now()) {
      failures.delete(address);
      return undefined;
    }
    return entry;
  };
  const prune = () => {
    const at = now();
    for (const [address, entry] of failures) if (entry.endsAt <= at) failures.delete(address);
    while (failures.size >= maxAddresses) {
      const oldest = failures.keys().next().value;
      if (oldest === undefined) break;
      failures.delete(oldest);
    }
  };
  return {
    blockedFor(address) {
      const entry = current(address);
      if (!entry || entry.count < options.maxFailures) return undefined;
      const at = now();
      if (at >= entry.nextTryAt) {
        entry.nextTryAt = at + spacingMs;
        return undefined;
      }
      return Math.max(1, Math.ceil((entry.nextTryAt - at) / 1_000));
    },
    fail(address) {
      const entry = current(address);
      if (entry) {
        entry.count += 1;
        // A failure keeps the address slowed for a whole window from now.
        if (entry.count >= options.maxFailures) entry.endsAt = Math.max(entry.endsAt, now() + windowMs);
        return;
      }
      if (failures.size >= maxAddresses) prune();
      failures.set(address, { count: 1, endsAt: now() + windowMs, nextTryAt: 0 });
    },
    succeed(address) {
      failures.delete(address);
    },
  };
};
