import { describe, expect, it } from 'vitest';
import { depositDeadlineOf } from '../../../src/worker/deposit-deadline.js';

const iso = (value: string) => {
  const deadline = depositDeadlineOf(value);
  return deadline === undefined ? undefined : new Date(deadline).toISOString();
};

describe('depositDeadlineOf', () => {
  it('reads DEPOSITENDDATE as Korean time (UTC+9)', () => {
    expect(iso('20261208193000')).toBe('2026-12-08T10:30:00.000Z');
    expect(iso('2026-12-08 19:30:00')).toBe('2026-12-08T10:30:00.000Z');
    expect(iso('202612081930')).toBe('2026-12-08T10:30:00.000Z');
  });

  it('takes a date alone as the end of that day', () => {
    expect(iso('20261208')).toBe('2026-12-08T14:59:59.000Z');
    expect(iso('2026-12-08')).toBe('2026-12-08T14:59:59.000Z');
  });

  it.each([[''], ['soon'], ['2026120'], ['20260230'], ['20261208246000'], ['2026120819300']])(
    'cannot read %j',
    (value) => {
      expect(depositDeadlineOf(value)).toBeUndefined();
    },
  );

  it('has nothing to read in null or undefined', () => {
    expect(depositDeadlineOf(null)).toBeUndefined();
    expect(depositDeadlineOf(undefined)).toBeUndefined();
  });
});
