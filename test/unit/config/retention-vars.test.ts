import { describe, expect, it } from 'vitest';
import { producerEnvSchema, workerEnvSchema } from '../../../src/config/env.js';
import { httpEnvSchema } from '../../../src/config/http-env.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { credentials, problemsOf } from './config-problems.js';

const day = 86_400;

describe('RETENTION_* variables', () => {
  it('default to a day for completed jobs and results, a week for notifications and batches, a month for failed', () => {
    expect(loadConfig(workerEnvSchema, credentials)).toMatchObject({
      RETENTION_COMPLETED_AGE_S: day,
      RETENTION_COMPLETED_COUNT: 100_000,
      RETENTION_NOTIFICATIONS_AGE_S: 7 * day,
      RETENTION_NOTIFICATIONS_COUNT: 30_000,
      RETENTION_RESULTS_AGE_S: day,
      RETENTION_RESULTS_COUNT: 100_000,
      RETENTION_FAILED_AGE_S: 30 * day,
      RETENTION_FAILED_COUNT: 10_000,
      RETENTION_BATCHES_AGE_S: 7 * day,
    });
  });

  it('are read as given, trimmed', () => {
    const config = loadConfig(workerEnvSchema, {
      ...credentials,
      RETENTION_COMPLETED_AGE_S: ' 3600 ',
      RETENTION_FAILED_COUNT: '5',
    });
    expect(config.RETENTION_COMPLETED_AGE_S).toBe(3_600);
    expect(config.RETENTION_FAILED_COUNT).toBe(5);
  });

  it('refuse what is not a whole number of at least 1, naming each variable and never its value', () => {
    const problems = problemsOf({
      RETENTION_COMPLETED_AGE_S: '1d',
      RETENTION_COMPLETED_COUNT: '0',
      RETENTION_RESULTS_AGE_S: '-5',
      RETENTION_FAILED_COUNT: '2.5',
      RETENTION_NOTIFICATIONS_AGE_S: '',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { variable: 'RETENTION_COMPLETED_AGE_S', reason: 'must be a whole number' },
        { variable: 'RETENTION_COMPLETED_COUNT', reason: 'must be at least 1' },
        { variable: 'RETENTION_RESULTS_AGE_S', reason: 'must be a whole number' },
        { variable: 'RETENTION_FAILED_COUNT', reason: 'must be a whole number' },
        { variable: 'RETENTION_NOTIFICATIONS_AGE_S', reason: 'must be a whole number' },
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(JSON.stringify(problems)).not.toMatch(/1d|2\.5|-5/);
  });

  it('batch retention is read by the HTTP server and the upload CLI too', () => {
    expect(loadConfig(httpEnvSchema, { RETENTION_BATCHES_AGE_S: '60' }).RETENTION_BATCHES_AGE_S).toBe(60);
    expect(loadConfig(producerEnvSchema, {}).RETENTION_BATCHES_AGE_S).toBe(7 * day);
    expect(() => loadConfig(producerEnvSchema, { RETENTION_BATCHES_AGE_S: 'week' })).toThrow(
      /RETENTION_BATCHES_AGE_S must be a whole number/,
    );
  });
});
