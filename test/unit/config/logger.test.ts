import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, fixedFieldLogger } from '../../../src/config/logger.js';
import { secretNames } from '../../../src/shared/secrets.js';

/** A logger writing into memory, and the parsed lines it wrote. */
const memoryLogger = (level = 'info') => {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ level, name: 'test', destination });
  const lines = (): Record<string, unknown>[] =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, raw: () => chunks.join('') };
};

const onlyLine = (lines: Record<string, unknown>[]): Record<string, unknown> => {
  expect(lines).toHaveLength(1);
  return lines[0] as Record<string, unknown>;
};

describe('createLogger', () => {
  it('writes JSON lines with name, level, message and an ISO time', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ jobId: 'j1' }, 'job done');
    const line = onlyLine(lines());
    expect(line).toMatchObject({ name: 'test', level: 30, msg: 'job done', jobId: 'j1', pid: process.pid });
    expect(typeof line.time).toBe('string');
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it('respects the level', () => {
    const { logger, lines } = memoryLogger('warn');
    logger.info('dropped');
    logger.warn('kept');
    expect(lines().map((line) => line.msg)).toEqual(['kept']);
  });

  it('redacts top-level credentials and keeps other fields', () => {
    const { logger, lines, raw } = memoryLogger();
    logger.info(
      {
        ApiKey: 'k-top',
        TOKEN: 't-top',
        pay2_key: 'p-top',
        apiKey: 'a-top',
        endpoint: '/urlpay/request',
        ok: 1,
      },
      'call',
    );
    const line = onlyLine(lines());
    expect(line).toMatchObject({
      ApiKey: '[redacted]',
      TOKEN: '[redacted]',
      pay2_key: '[redacted]',
      apiKey: '[redacted]',
      endpoint: '/urlpay/request',
      ok: 1,
    });
    expect(raw()).not.toMatch(/k-top|t-top|p-top|a-top/);
  });

  it('redacts credentials one level down', () => {
    const { logger, lines, raw } = memoryLogger();
    logger.info(
      {
        headers: { TOKEN: 't-1', ApiKey: 'k-1', 'content-type': 'application/json' },
        body: { pay2_key: 'p-1', apiKey: 'a-1', pay2_id: 'shop' },
      },
      'request',
    );
    const line = onlyLine(lines());
    expect(line.headers).toEqual({
      TOKEN: '[redacted]',
      ApiKey: '[redacted]',
      'content-type': 'application/json',
    });
    expect(line.body).toEqual({ pay2_key: '[redacted]', apiKey: '[redacted]', pay2_id: 'shop' });
    expect(raw()).not.toMatch(/t-1|k-1|p-1|a-1/);
  });

  it('redacts credentials two levels down', () => {
    const { logger, lines, raw } = memoryLogger();
    logger.info(
      {
        request: {
          options: { ApiKey: 'k-2', TOKEN: 't-2', pay2_key: 'p-2', apiKey: 'a-2', url: 'https://x/y' },
        },
      },
      'request',
    );
    const line = onlyLine(lines());
    expect(line.request).toEqual({
      options: {
        ApiKey: '[redacted]',
        TOKEN: '[redacted]',
        pay2_key: '[redacted]',
        apiKey: '[redacted]',
        url: 'https://x/y',
      },
    });
    expect(raw()).not.toMatch(/k-2|t-2|p-2|a-2/);
  });

  it('redacts every secret name of src/shared/secrets.ts, up to two levels down', () => {
    const { logger, lines, raw } = memoryLogger();
    const secrets = Object.fromEntries(secretNames.map((name, index) => [name, `s3cret-${index}`]));
    logger.info({ ...secrets, outer: { ...secrets, inner: secrets } }, 'all of them');
    const line = onlyLine(lines());
    expect(line.BOARD_PASSWORD).toBe('[redacted]');
    expect((line.outer as { inner: { cookie: string } }).inner.cookie).toBe('[redacted]');
    expect(raw()).not.toContain('s3cret');
  });

  it('redacts names matched by pattern, at any depth (issue 12)', () => {
    const { logger, lines, raw } = memoryLogger();
    logger.info(
      {
        access_token: 'pat-1',
        headers: { 'x-api-key': 'pat-2', 'content-type': 'text/csv' },
        a: { b: { c: { clientSecret: 'pat-3', URLKEY: 'u' } } },
      },
      'patterns',
    );
    logger.child({ queue: 'q' }).info({ refresh_token: 'pat-4' }, 'child');
    const [first, second] = lines();
    expect(first).toMatchObject({
      access_token: '[redacted]',
      headers: { 'x-api-key': '[redacted]', 'content-type': 'text/csv' },
      a: { b: { c: { clientSecret: '[redacted]', URLKEY: 'u' } } },
    });
    expect(second).toMatchObject({ refresh_token: '[redacted]' });
    expect(raw()).not.toMatch(/pat-\d/);
  });

  it('redacts in child loggers bindings too, and leaves the logged object untouched', () => {
    const { logger, lines } = memoryLogger();
    const payload = { headers: { TOKEN: 'keep-me-in-memory' } };
    logger.child({ TOKEN: 'child-token' }).info(payload, 'child');
    const line = onlyLine(lines());
    expect(line.TOKEN).toBe('[redacted]');
    expect(line.headers).toEqual({ TOKEN: '[redacted]' });
    expect(payload.headers.TOKEN).toBe('keep-me-in-memory');
  });

  it('a fixed-field child writes the same lines, while its parent still redacts', () => {
    const { logger, lines } = memoryLogger();
    const jobLogger = fixedFieldLogger(logger);
    jobLogger.info({ queue: 'cookiepay-status', jobId: '7', attempt: 1, code: '0000', ok: true }, 'job done');
    logger.info({ headers: { TOKEN: 'secret-token' } }, 'request');
    const [jobLine, other] = lines();
    expect(jobLine).toMatchObject({
      name: 'test',
      msg: 'job done',
      queue: 'cookiepay-status',
      jobId: '7',
      ok: true,
    });
    expect(other).toMatchObject({ headers: { TOKEN: '[redacted]' } });
    expect(JSON.stringify(lines())).not.toContain('secret-token');
  });
});
