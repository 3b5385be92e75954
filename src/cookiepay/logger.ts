/**
 * The logger the CookiePay layer writes to: a subset of pino's (a pino Logger fits). Fields never hold the
 * ApiKey, pay2_key or a TOKEN.
 */
export interface CookiePayLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: CookiePayLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
};
