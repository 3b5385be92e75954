/** Failed logins counted per source address over a fixed window; an address over the limit is refused until it ends. */
export interface LoginThrottle {
  /** Seconds until the address may try again, or undefined when it may try now. */
  blockedFor(address: string): number | undefined;
  /** Counts one failed login of the address. */
  fail(address: string): void;
}

export interface LoginThrottleOptions {
  /** Failed logins one address may make per window; the next attempts are refused until the window ends. */
  maxFailures: number;
  windowMs?: number | undefined;
  now?: (() => number) | undefined;
  /** Addresses remembered at most (expired ones are dropped first; then the oldest). */
  maxAddresses?: number | undefined;
}

/**
 * Only failures count: an operator who logs in right makes any number of requests. An address that failed
 * `maxFailures` times is refused (right password or not, so a guess cannot be confirmed) until its window ends;
 * other addresses are never affected.
 */
export const createLoginThrottle = (options: LoginThrottleOptions): LoginThrottle => {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const failures = new Map<string, { count: number; endsAt: number }>();
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
      return Math.max(1, Math.ceil((entry.endsAt - now()) / 1_000));
    },
    fail(address) {
      const entry = current(address);
      if (entry) {
        entry.count += 1;
        return;
      }
      if (failures.size >= maxAddresses) prune();
      failures.set(address, { count: 1, endsAt: now() + windowMs });
    },
  };
};
