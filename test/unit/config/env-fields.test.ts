import { describe, expect, it } from 'vitest';
import {
  booleanVar,
  integerVar,
  logLevelVar,
  optionalUrlVar,
  secretVar,
  stringVar,
  urlVar,
} from '../../../src/config/env-fields.js';

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('integerVar', () => {
  const schema = integerVar(42, { min: 2, max: 10 });

  it('defaults when unset', () => {
    expect(schema.parse(undefined)).toBe(42);
  });

  it('parses a whole number within bounds', () => {
    expect(schema.parse('2')).toBe(2);
    expect(schema.parse(' 10 ')).toBe(10);
  });

  it('rejects non-integers and out-of-range values without echoing them', () => {
    expect(messagesOf(schema.safeParse('3.5'))).toEqual(['must be a whole number']);
    expect(messagesOf(schema.safeParse('1'))).toEqual(['must be at least 2']);
    expect(messagesOf(schema.safeParse('11'))).toEqual(['must be at most 10']);
  });
});

describe('stringVar', () => {
  it('defaults when unset or blank, trims otherwise', () => {
    const schema = stringVar('fallback');
    expect(schema.parse(undefined)).toBe('fallback');
    expect(schema.parse('  ')).toBe('fallback');
    expect(schema.parse(' value ')).toBe('value');
  });
});

describe('urlVar / optionalUrlVar', () => {
  it('accepts only the given protocols', () => {
    const schema = urlVar('https://default.example', ['https:']);
    expect(schema.parse(undefined)).toBe('https://default.example');
    expect(schema.parse('https://a.example/x')).toBe('https://a.example/x');
    expect(messagesOf(schema.safeParse('http://a.example'))).toEqual([
      'must be a URL starting with https://',
    ]);
  });

  it('optionalUrlVar: unset and blank mean undefined, garbage is refused', () => {
    const schema = optionalUrlVar(['http:', 'https:']);
    expect(schema.parse(undefined)).toBeUndefined();
    expect(schema.parse('')).toBeUndefined();
    expect(schema.parse('http://hook.example/noti')).toBe('http://hook.example/noti');
    expect(schema.safeParse('nope').success).toBe(false);
  });
});

describe('secretVar', () => {
  it('requires a non-blank value at most maxLength long, and says so without the value', () => {
    const schema = secretVar(5);
    expect(schema.parse(' abc ')).toBe('abc');
    expect(messagesOf(schema.safeParse(''))).toEqual(['is required']);
    const tooLong = schema.safeParse('secret-value');
    expect(messagesOf(tooLong)).toEqual(['must be at most 5 characters']);
    expect(JSON.stringify(tooLong.error?.issues)).not.toContain('secret-value');
  });
});

describe('booleanVar', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['off', false],
  ])('%j → %s', (value, expected) => {
    expect(booleanVar(!expected).parse(value)).toBe(expected);
  });

  it('defaults when unset or empty, rejects anything else', () => {
    expect(booleanVar(true).parse(undefined)).toBe(true);
    expect(booleanVar(false).parse('')).toBe(false);
    expect(messagesOf(booleanVar(false).safeParse('maybe'))).toEqual(['must be true or false']);
  });
});

describe('logLevelVar', () => {
  it('defaults to info and accepts pino levels', () => {
    expect(logLevelVar().parse(undefined)).toBe('info');
    expect(logLevelVar().parse('silent')).toBe('silent');
    expect(logLevelVar().safeParse('loud').success).toBe(false);
  });
});
