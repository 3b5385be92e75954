import { z } from 'zod';
import { describeFieldProblems, fieldProblemsOf } from '../shared/field-problems.js';

/**
 * What the manual leaves open, one switch each; a test chooses the answers it runs against. `manual-literal` is the
 * simulator's long-standing reading; every other profile changes one switch to an alternative CookiePay might
 * just as well have chosen (docs/simulator.md).
 */
export const assumptionsSchema = z.object({
  /**
   * A `BILL_NO` the account never used: `new-bill` creates a bill under it; `refused` answers E011, and a request
   * without BILL_NO gets a number of CookiePay's making in the answer (the one to re-send with).
   */
  billNoUnknown: z.enum(['new-bill', 'refused']),
  /** The same TID and waybill registered again: `ok` answers 0000 again; `error` answers E010. */
  duplicateDelivery: z.enum(['ok', 'error']),
  /**
   * How a bad, expired or missing TOKEN is answered: `token-message` RESULTCODE E005 with a message naming the
   * TOKEN; `http-401` HTTP 401; `rtn-cd` the token endpoint's RTN_CD/RTN_MSG shape; `resultcode` RESULTCODE E999
   * with a message that does not mention the token.
   */
  tokenRejection: z.enum(['token-message', 'http-401', 'rtn-cd', 'resultcode']),
  /**
   * A VACCT payment: `paid-at-once` is deposited when paid; `deposit-later` only issues the account (0000 with
   * ACCOUNTNO, bank and DEPOSITENDDATE, ACCEPTNO and ACCEPTDATE empty) until `POST /__sim/deposit`.
   */
  virtualAccount: z.enum(['paid-at-once', 'deposit-later']),
  /** How notifications are POSTed: JSON (`application/json`), form-encoded, or a JSON body with no content type. */
  notificationEncoding: z.enum(['json', 'form', 'none']),
  /**
   * Header names compared exactly (`ApiKey`, `TOKEN` as the manual's samples write them; the worker's client sends
   * them so), or in any case (`false`: HTTP says the case does not matter).
   */
  strictHeaderCase: z.boolean(),
});

export type Assumptions = z.output<typeof assumptionsSchema>;

/**
 * The defaults: the manual read literally (header names exactly as its samples write them), and the simulator's
 * long-standing answers where it is silent.
 */
export const manualLiteral: Assumptions = {
  billNoUnknown: 'new-bill',
  duplicateDelivery: 'ok',
  tokenRejection: 'token-message',
  virtualAccount: 'paid-at-once',
  notificationEncoding: 'json',
  strictHeaderCase: true,
};

/** Named profiles: the defaults with one switch changed (`any-header-case`: names compared in any case). */
export const assumptionProfiles = {
  'manual-literal': {},
  'bill-no-refused': { billNoUnknown: 'refused' },
  'duplicate-delivery-error': { duplicateDelivery: 'error' },
  'token-http-401': { tokenRejection: 'http-401' },
  'token-rtn-cd': { tokenRejection: 'rtn-cd' },
  'token-resultcode': { tokenRejection: 'resultcode' },
  'virtual-account-deposit-later': { virtualAccount: 'deposit-later' },
  'notification-form': { notificationEncoding: 'form' },
  'notification-no-content-type': { notificationEncoding: 'none' },
  'any-header-case': { strictHeaderCase: false },
} as const satisfies Record<string, Partial<Assumptions>>;

export type AssumptionProfile = keyof typeof assumptionProfiles;

export const assumptionProfileNames = Object.keys(assumptionProfiles) as AssumptionProfile[];

/** A profile, switches, or both (the switches apply over the profile). Unknown keys are refused. */
export const assumptionsInputSchema = z.strictObject({
  profile: z.enum(assumptionProfileNames as [AssumptionProfile, ...AssumptionProfile[]]).optional(),
  ...assumptionsSchema.partial().shape,
});

export type AssumptionsInput = AssumptionProfile | z.input<typeof assumptionsInputSchema>;

/**
 * The assumptions an input stands for: its profile (else `base`), then its switches. A profile name alone is a
 * profile; a missing input is `base`.
 */
export const resolveAssumptions = (
  input: AssumptionsInput | undefined,
  base: Assumptions = manualLiteral,
): Assumptions => {
  if (input === undefined) return base;
  const { profile, ...switches } = typeof input === 'string' ? { profile: input } : input;
  const start = profile === undefined ? base : { ...manualLiteral, ...assumptionProfiles[profile] };
  const defined = Object.fromEntries(Object.entries(switches).filter(([, value]) => value !== undefined));
  return { ...start, ...defined };
};

/**
 * `SIMULATOR_ASSUMPTIONS`: a profile name, or a JSON object of `profile` and switches. Errors name the variable and
 * the reason.
 */
export const parseAssumptionsSetting = (text: string): AssumptionsInput => {
  const trimmed = text.trim();
  const value: unknown = trimmed.startsWith('{') ? parseJson(trimmed) : { profile: trimmed };
  const parsed = assumptionsInputSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const reasons = describeFieldProblems(fieldProblemsOf(parsed.error, { root: '(value)' }));
  throw new Error(`SIMULATOR_ASSUMPTIONS: ${reasons} (profiles: ${assumptionProfileNames.join(', ')})`);
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('SIMULATOR_ASSUMPTIONS: is neither a profile name nor a JSON object');
  }
};
