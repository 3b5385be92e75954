import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidPayloadError } from '../../src/contract/invalid-payload-error.js';
import { parseJobData } from '../../src/contract/parse-job-data.js';
import { deliveryRequestSchema } from '../../src/cookiepay/schemas/delivery.js';
import { payCertRequestSchema, urlCertRequestSchema } from '../../src/cookiepay/schemas/payment-cert.js';
import { urlPayRequestSchema } from '../../src/cookiepay/schemas/url-pay.js';
import { credentialKeys, payloadFor, secretMarker } from './arbitraries.js';

const kinds = ['urlpay', 'delivery', 'status'] as const;
type Kind = (typeof kinds)[number];

const fieldsOf: Record<Kind, readonly string[]> = {
  urlpay: [
    'PRODUCTNAME',
    'AMOUNT',
    'BUYERNAME',
    'BUYERHP',
    'BUYEREMAIL',
    'REQ_TYPE',
    'TAXYN',
    'BILL_NO',
    'MEMO',
    'ETC1',
    'ETC2',
  ],
  delivery: [
    'TID',
    'AMOUNT',
    'RECEIVERNAME',
    'RECEIVERDATE',
    'RECEIVERELATION',
    'PARCELNAME',
    'WAYBILLNO',
    'DELIVERYADDR',
    'PRODUCTCODE',
  ],
  status: ['URLKEY', 'TID'],
};

/** What the worker would send to CookiePay for parsed data, checked with CookiePay's request schema. */
const requestCheck = (kind: Kind, parsed: Record<string, unknown>) => {
  const API_ID = 'test-shop';
  if (kind === 'urlpay') {
    // The worker adds a derived BILL_NO when the job has none.
    return urlPayRequestSchema.safeParse({ API_ID, BILL_NO: 'W0123456789', ...parsed });
  }
  if (kind === 'delivery') return deliveryRequestSchema.safeParse({ API_ID, ...parsed });
  return parsed.URLKEY !== undefined
    ? urlCertRequestSchema.safeParse({ API_ID, URLKEY: parsed.URLKEY })
    : payCertRequestSchema.safeParse({ API_ID, tid: parsed.TID });
};

const withoutUndefined = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

const outcomeOf = (kind: Kind, data: unknown) => {
  try {
    return { ok: true as const, parsed: parseJobData(kind, data) as Record<string, unknown> };
  } catch (error) {
    return { ok: false as const, error };
  }
};

describe('fuzz: parseJobData', () => {
  for (const kind of kinds) {
    it(`${kind}: throws only InvalidPayloadError, each issue naming a field and a reason, never a secret`, () => {
      fc.assert(
        fc.property(payloadFor(kind), (data) => {
          const outcome = outcomeOf(kind, data);
          if (outcome.ok) return;
          expect(outcome.error).toBeInstanceOf(InvalidPayloadError);
          const error = outcome.error as InvalidPayloadError;
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) {
            expect(typeof issue.field).toBe('string');
            expect(issue.field.trim()).not.toBe('');
            expect(typeof issue.reason).toBe('string');
            expect(issue.reason.trim()).not.toBe('');
            expect(Object.keys(issue).sort()).toEqual(['field', 'reason']);
          }
          expect(error.message).not.toContain(secretMarker);
          expect(JSON.stringify(error.issues)).not.toContain(secretMarker);
        }),
        { numRuns: 1_500 },
      );
    });

    it(`${kind}: whatever it accepts is valid for CookiePay's request schema, without credentials or unknown fields`, () => {
      fc.assert(
        fc.property(payloadFor(kind), (data) => {
          const outcome = outcomeOf(kind, data);
          if (!outcome.ok) return;
          const { parsed } = outcome;
          const check = requestCheck(kind, parsed);
          expect(check.success, JSON.stringify(check.error?.issues)).toBe(true);
          for (const key of Object.keys(parsed)) expect(fieldsOf[kind]).toContain(key);
          for (const key of credentialKeys) expect(parsed).not.toHaveProperty(key);
          expect(JSON.stringify(parsed)).not.toContain(secretMarker);
        }),
        { numRuns: 1_500 },
      );
    });

    it(`${kind}: the parsed data (as the producer stores it, JSON) parses again to itself`, () => {
      fc.assert(
        fc.property(payloadFor(kind), (data) => {
          const outcome = outcomeOf(kind, data);
          if (!outcome.ok) return;
          const stored = JSON.parse(JSON.stringify(outcome.parsed)) as unknown;
          const again = outcomeOf(kind, stored);
          expect(again.ok).toBe(true);
          if (again.ok) expect(withoutUndefined(again.parsed)).toEqual(withoutUndefined(outcome.parsed));
        }),
        { numRuns: 1_000 },
      );
    });

    it(`${kind}: raw data accepted as given is accepted the same after a JSON trip through Redis`, () => {
      fc.assert(
        fc.property(payloadFor(kind), (data) => {
          const outcome = outcomeOf(kind, data);
          if (!outcome.ok) return;
          const json = JSON.stringify(data);
          fc.pre(json !== undefined);
          const again = outcomeOf(kind, JSON.parse(json) as unknown);
          expect(again.ok).toBe(true);
          if (again.ok) expect(withoutUndefined(again.parsed)).toEqual(withoutUndefined(outcome.parsed));
        }),
        { numRuns: 1_000 },
      );
    });
  }
});
