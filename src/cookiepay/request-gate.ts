/**
 * What the gate gave a request: the right to leave now. The transport reports when the request really left (its
 * last byte handed to the operating system), or that it ended without leaving; the first report counts.
 */
export interface Admission {
  left(atMs: number): void;
}

/**
 * The hook an account-wide rate limiter plugs into. The transport calls `acquire(endpoint)` right before every
 * HTTP request to CookiePay (token requests included), sends at once, and reports the departure on the admission;
 * it calls `throttle(ms)` when CookiePay answers 429. `acquire` may throw a CookiePayError with code
 * RATE_LIMITED; the client lets it through to its caller.
 */
export interface RequestGate {
  acquire(endpoint: string): Promise<Admission>;
  throttle(ms: number): Promise<void>;
}

const noReport: Admission = { left: () => {} };

/** A gate that never holds anything back. */
export const openGate: RequestGate = {
  acquire: async () => noReport,
  throttle: async () => {},
};
