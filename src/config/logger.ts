import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Paths pino masks wherever they appear in a log line: credentials and tokens, whatever their casing. */
export const redactedPaths = [
  'ApiKey',
  'apiKey',
  'apikey',
  'TOKEN',
  'token',
  'pay2_key',
  'COOKIEPAY_API_KEY',
  'authorization',
  '*.ApiKey',
  '*.apiKey',
  '*.apikey',
  '*.TOKEN',
  '*.token',
  '*.pay2_key',
  '*.COOKIEPAY_API_KEY',
  '*.authorization',
  '*.*.ApiKey',
  '*.*.apiKey',
  '*.*.apikey',
  '*.*.TOKEN',
  '*.*.token',
  '*.*.pay2_key',
  '*.*.COOKIEPAY_API_KEY',
  '*.*.authorization',
];

export interface LoggerOptions {
  level: string;
  name?: string;
  /** Where lines go; standard output when not given (tests pass a stream to read them back). */
  destination?: DestinationStream;
}

/**
 * JSON logs with secrets redacted. Standard output is written asynchronously (buffered; a line per job would
 * otherwise block the event loop on every write): call `logger.flush()` before exiting.
 */
export const createLogger = ({ level, name = 'cookiepay-worker', destination }: LoggerOptions): Logger =>
  pino(
    {
      name,
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );

/**
 * A child for lines whose fields are all primitives with names fixed in code (the per-job outcome line: queue,
 * job id, attempt, code, latency). Path redaction cannot match anything there and costs about 20 µs a line with
 * these 24 paths (pino 10), some 3% of a job's CPU in the worker; other lines keep the parent's redaction.
 */
export const fixedFieldLogger = (logger: Logger): Logger => logger.child({}, { redact: { paths: [] } });
