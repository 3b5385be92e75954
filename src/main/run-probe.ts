import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { probeEnvSchema } from '../config/env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { describeFieldProblems, fieldProblemsOf } from '../shared/field-problems.js';
import { redactValues } from '../shared/secrets.js';
import { formatProbeReport, formatProbeReportJson } from './probe/format-probe-report.js';
import { type ProbeReport, probeCookiePay } from './probe/probe-cookiepay.js';
import { createProbeHttp, type ProbeHttp } from './probe/probe-http.js';
import { resolveProbeTarget } from './probe/probe-target.js';

const tid = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

/** The command line of `cookiepay-worker probe`. */
export const probeCommandSchema = z
  .object({
    /** Probe live CookiePay (https://www.cookiepayments.com) instead of the sandbox. */
    live: z.boolean().default(false),
    /** One JSON document on stdout instead of the text report. */
    json: z.boolean().default(false),
    /** AMOUNT of the probe's payment links (nobody pays them); the manual names no minimum. */
    amount: z
      .string()
      .regex(/^[1-9]\d{0,9}$/, { error: 'must be a whole number of won, 1 to 10 digits' })
      .default('100'),
    /** A paid sandbox payment: a test delivery is registered on it, twice. */
    'paid-tid': tid.optional(),
    /** A virtual-account payment: read with paycert. */
    'vacct-tid': tid.optional(),
  })
  .refine((command) => !(command.live && command['paid-tid']), {
    path: ['paid-tid'],
    error: 'registers a test delivery on that payment: never with --live',
  });

export type ProbeCommandInput = z.input<typeof probeCommandSchema>;

export interface ProbeCommand extends ProbeCommandInput {
  write: (line: string) => void;
}

export interface ProbeCommandDeps {
  /** The HTTP client; the real one by default. */
  http?: ProbeHttp | undefined;
  now?: (() => number) | undefined;
}

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const randomId = (length: number): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/**
 * `cookiepay-worker probe [--live] [--paid-tid TID] [--vacct-tid TID] [--amount WON] [--json]`: checks every
 * assumption the worker rests on against CookiePay (the sandbox unless --live) and prints, for each, what the
 * manual says, what was seen, what the worker does and what to change. Resolves to the exit code: 0 when every
 * check ran (whatever it found), 1 when the probe could not run them all (no token, a request not answered).
 */
export const runProbe = async (
  env: EnvSource,
  command: ProbeCommand,
  deps: ProbeCommandDeps = {},
): Promise<{ exitCode: number; report: ProbeReport }> => {
  const { write, ...input } = command;
  const parsed = probeCommandSchema.safeParse(input);
  if (!parsed.success) {
    const problems = fieldProblemsOf(parsed.error, { root: '(options)' }).map(({ field, reason }) => ({
      field: `--${field}`,
      reason,
    }));
    throw new Error(`probe: ${describeFieldProblems(problems)}`);
  }
  const options = parsed.data;
  const config = loadConfig(probeEnvSchema, env);
  const target = resolveProbeTarget(config.COOKIEPAY_BASE_URL, options.live);
  const http =
    deps.http ??
    createProbeHttp({
      baseUrl: target.baseUrl,
      connectTimeoutMs: config.COOKIEPAY_CONNECT_TIMEOUT_MS,
      timeoutMs: config.COOKIEPAY_TIMEOUT_MS,
    });
  const report = await probeCookiePay(
    {
      ...target,
      credentials: { apiId: config.COOKIEPAY_API_ID, apiKey: config.COOKIEPAY_API_KEY },
      amount: options.amount,
      paidTid: options['paid-tid'],
      vacctTid: options['vacct-tid'],
    },
    { http, now: deps.now ?? Date.now, randomId },
  );
  // The exchanges are masked already; this is the last guard before anything leaves.
  const scrub = (line: string) => redactValues(line, [config.COOKIEPAY_API_KEY]);
  if (options.json) write(scrub(formatProbeReportJson(report)));
  else for (const line of formatProbeReport(report)) write(scrub(line));
  return { exitCode: report.complete ? 0 : 1, report };
};
