/**
 * The hook an account-wide rate limiter plugs into. The transport calls `acquire(endpoint)` before every HTTP
 * request to CookiePay (token requests included) and `throttle(ms)` when CookiePay answers 429.
 * `acquire` may throw a CookiePayError with code RATE_LIMITED; the client lets it through to its caller.
 */
export interface RequestGate {
  acquire(endpoint: string): Promise<void>;
  throttle(ms: number): Promise<void>;
  /**
   * Told after a request that reached the wire `lateMs` after `acquire` let it go (a cold connection, a busy event
   * loop); it left `leftAgoMs` ago. A gate that schedules calls keeps its next slot one interval after a call
   * later than it tolerates, so that call does not crowd the ones after it. The transport does not wait for it.
   */
  late?(endpoint: string, lateMs: number, leftAgoMs: number): Promise<void>;
}

/** A gate that never holds anything back. */
export const openGate: RequestGate = {
  acquire: async () => {},
  throttle: async () => {},
};
