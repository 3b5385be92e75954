import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeFieldProblems, fieldProblemsOf } from '../../../src/shared/field-problems.js';

const schema = z.object({
  NAME: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
  ITEMS: z.array(z.object({ CODE: z.string({ error: 'must be a string' }) })),
  ADDRESS: z.object({ ZIP: z.string().regex(/^\d{5}$/, { error: 'must be 5 digits' }) }),
});

const errorOf = (value: unknown, reportInput = false): z.ZodError => {
  const result = schema.safeParse(value, { reportInput });
  if (result.success) throw new Error('expected a failure');
  return result.error;
};

describe('fieldProblemsOf', () => {
  it('names nested fields and array items by their dotted path, in zod order', () => {
    const error = errorOf({ NAME: '', ITEMS: [{ CODE: 'a' }, { CODE: 7 }], ADDRESS: { ZIP: '12' } });
    expect(fieldProblemsOf(error, { root: '(data)' })).toEqual([
      { field: 'NAME', reason: 'must not be empty' },
      { field: 'ITEMS.1.CODE', reason: 'must be a string' },
      { field: 'ADDRESS.ZIP', reason: 'must be 5 digits' },
    ]);
  });

  it('names an issue with the whole value by the root label', () => {
    expect(fieldProblemsOf(errorOf('not an object'), { root: '(body)' })).toEqual([
      { field: '(body)', reason: expect.any(String) },
    ]);
    const refined = z.object({}).refine(() => false, { error: 'must say something' });
    const result = refined.safeParse({});
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(fieldProblemsOf(result.error, { root: 'body' })).toEqual([
        { field: 'body', reason: 'must say something' },
      ]);
    }
  });

  it("keeps the schema's message unless asked to call a missing field required", () => {
    const error = errorOf({ ITEMS: [], ADDRESS: { ZIP: '12345' } });
    expect(fieldProblemsOf(error, { root: '(data)' })).toEqual([
      { field: 'NAME', reason: 'must be a string' },
    ]);
    expect(fieldProblemsOf(error, { root: '(data)', missingIsRequired: true })).toEqual([
      { field: 'NAME', reason: 'is required' },
    ]);
  });

  it('with reportInput, tells a missing field from one of the wrong type', () => {
    const error = errorOf({ ITEMS: [{}, { CODE: 1 }], ADDRESS: { ZIP: '12345' } }, true);
    expect(fieldProblemsOf(error, { root: '(data)', missingIsRequired: true })).toEqual([
      { field: 'NAME', reason: 'is required' },
      { field: 'ITEMS.0.CODE', reason: 'is required' },
      { field: 'ITEMS.1.CODE', reason: 'must be a string' },
    ]);
  });

  it('never puts the value in a problem', () => {
    const error = errorOf({ NAME: 42, ITEMS: 'secret-value', ADDRESS: { ZIP: 'secret-zip' } }, true);
    expect(JSON.stringify(fieldProblemsOf(error, { root: '(data)' }))).not.toContain('secret');
  });
});

describe('describeFieldProblems', () => {
  it('joins field and reason, problems with "; "', () => {
    const problems = [
      { field: 'NAME', reason: 'is required' },
      { field: 'ITEMS.0.CODE', reason: 'must be a string' },
    ];
    expect(describeFieldProblems(problems)).toBe('NAME is required; ITEMS.0.CODE must be a string');
    expect(describeFieldProblems(problems, ': ')).toBe('NAME: is required; ITEMS.0.CODE: must be a string');
    expect(describeFieldProblems([])).toBe('');
  });
});
