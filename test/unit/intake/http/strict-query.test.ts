import { describe, expect, it } from 'vitest';
import { queryProblemBody, readStrictQuery } from '../../../../src/intake/http/strict-query.js';

const spec = { dryRun: { type: 'boolean' }, order: { type: 'enum', values: ['asc', 'desc'] } } as const;

describe('readStrictQuery', () => {
  it('reads booleans exactly true/false and enums exactly their values', () => {
    expect(readStrictQuery(spec, { dryRun: 'true', order: 'desc' })).toEqual({
      ok: true,
      values: { dryRun: true, order: 'desc' },
    });
    expect(readStrictQuery(spec, { dryRun: 'false' })).toEqual({ ok: true, values: { dryRun: false } });
    expect(readStrictQuery(spec, {})).toEqual({ ok: true, values: {} });
    expect(readStrictQuery(spec, undefined)).toEqual({ ok: true, values: {} });
  });

  it.each([
    [{ dryRun: 'TRUE' }, 'dryRun'],
    [{ dryRun: 'yes' }, 'dryRun'],
    [{ dryRun: '1' }, 'dryRun'],
    [{ dryRun: '' }, 'dryRun'],
    [{ dryRun: ['true', 'true'] }, 'dryRun'],
    [{ dryrun: 'true' }, 'dryrun'],
    [{ 'dryRun[]': 'true' }, 'dryRun[]'],
    [{ order: 'ASC' }, 'order'],
    [JSON.parse('{"__proto__":"x"}') as Record<string, string>, '__proto__'],
  ])('refuses %o, naming %s', (query, parameter) => {
    const reading = readStrictQuery(spec, JSON.parse(JSON.stringify(query)));
    expect(reading).toMatchObject({ ok: false, problem: { parameter } });
  });

  it('says what is accepted, and echoes at most 40 characters of a value', () => {
    const unknown = readStrictQuery(spec, { force: 'true' });
    expect(unknown.ok || queryProblemBody(unknown.problem)).toEqual({
      error: 'INVALID_QUERY',
      message: 'query parameter "force" is not a parameter (accepted: dryRun, order)',
      parameter: 'force',
    });
    const long = readStrictQuery(spec, { dryRun: 'x'.repeat(10_000) });
    expect(long.ok || queryProblemBody(long.problem).message.length).toBeLessThan(120);
  });
});
