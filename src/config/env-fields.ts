import { z } from 'zod';
import { parseAddressRanges } from '../shared/address-ranges.js';

/** Environment values are strings; these builders parse them with messages that never echo the value. */

export const integerVar = (defaultValue: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    )
    .optional()
    .transform((value) => value ?? defaultValue);

export const stringVar = (defaultValue: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : defaultValue));

export const urlVar = (defaultValue: string, protocols: readonly string[]) =>
  stringVar(defaultValue).pipe(
    z.string().refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    ),
  );

export const optionalUrlVar = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine(
      (value) => {
        if (value === undefined) return true;
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

/** A secret: required, never echoed. */
export const secretVar = (maxLength: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, { error: 'is required' })
    .max(maxLength, { error: `must be at most ${maxLength} characters` });

export const booleanVar = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''], {
      error: 'must be true or false',
    })
    .optional()
    .transform((value) =>
      value === undefined || value === '' ? defaultValue : ['true', '1', 'yes', 'on'].includes(value),
    );

export const logLevelVar = () =>
  z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .optional()
    .transform((value) => value ?? 'info');

/** A Redis URL: redis:// or rediss:// (one server), or redis-cluster:// / rediss-cluster:// with nodes host:port,... */
export const redisUrlVar = (defaultValue = 'redis://127.0.0.1:6379') =>
  stringVar(defaultValue).pipe(
    z.string().refine(
      (value) => {
        const cluster = /^rediss?-cluster:\/\/(?:[^@/]*@)?([^/]+)/.exec(value);
        if (cluster) return (cluster[1] ?? '').split(',').every((node) => /^[^:,\s]+:\d{1,5}$/.test(node));
        try {
          return ['redis:', 'rediss:'].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { error: 'must be a redis://, rediss:// or redis-cluster://host:port[,host:port] URL' },
    ),
  );

/** A share of something, a number above 0 and at most 1 (`0.2`, not `20%`). */
export const shareVar = (defaultValue: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return defaultValue;
      const share = /^(?:\d+(?:\.\d+)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
      if (!(share > 0 && share <= 1)) {
        ctx.addIssue({ code: 'custom', message: 'must be a number above 0 and at most 1 (e.g. 0.2)' });
        return z.NEVER;
      }
      return share;
    });

/** Comma-separated IP addresses or CIDR ranges (IPv4 and IPv6); unset or blank is none. */
export const addressRangesVar = () =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseAddressRanges(value ?? '');
      if (parsed.ok) return parsed.ranges;
      ctx.addIssue({ code: 'custom', message: parsed.reason });
      return z.NEVER;
    });
