import fc from 'fast-check';

/** Credential keys job data must never carry; their values are markers that must never be echoed. */
export const credentialKeys = ['API_ID', 'ApiKey', 'APIKEY', 'TOKEN', 'pay2_id', 'pay2_key'] as const;
export const secretMarker = 'SECRET-f9c1e2';

const hangul = fc.string({
  unit: fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const emoji = fc.constantFrom('😀', '👍🏽', '🇰🇷', '👨‍👩‍👧', '\u200d', '\ufeff', '\u0000', '\u00a0');

/** Strings CookiePay fields choke on: Hangul, emoji, `&`, blanks, control characters, very long ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  hangul,
  fc
    .array(fc.oneof(emoji, fc.constantFrom('&', '&amp;', ' ', '-', '"', "'", '\n', '\t', ',')), {
      maxLength: 12,
    })
    .map((parts) => parts.join('')),
  fc.tuple(hangul, fc.constantFrom('&', ' & ', '😀')).map(([a, b]) => `${a}${b}`),
  fc.integer({ min: 0, max: 400 }).map((n) => '가'.repeat(n)),
  fc.integer({ min: 0, max: 400 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom(
    '',
    ' ',
    '   ',
    '\t',
    '-',
    '0',
    '00',
    '-1',
    '1.5',
    '1e3',
    '１２３',
    '٣',
    '20250230',
    '20240229',
    '20230229',
    '99999999',
    '2025-03-01',
  ),
);

/** Amounts right and wrong: negative, zero, decimal, huge, strings with signs or commas, NaN, non-numbers. */
export const nastyAmount: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.integer({ min: 1, max: 9_999_999_999 }),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    1e10,
    1e11,
    9_999_999_999,
    10_000_000_000,
    2 ** 53,
    2 ** 53 + 2,
    Number.NaN,
    Infinity,
  ),
  fc.bigInt({ min: -10n, max: 10n ** 12n }).map(String),
  fc.constantFrom(
    '0',
    '000',
    '0001',
    '+1',
    '-1',
    '1,000',
    '1.0',
    ' 42 ',
    '4２',
    '1e3',
    '',
    '00000000001',
    '12345678901',
  ),
  nastyString,
  fc.constantFrom(null, true, [], {}, [1]),
);

export const nastyDate: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10).replace(/-/g, '')),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
    ),
  fc.constantFrom(
    '20250230',
    '20250229',
    '20240229',
    '20251301',
    '20250001',
    '2025031',
    '202503011',
    20250301,
  ),
  nastyString,
);

/** Any value a field might hold. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyAmount },
  { weight: 1, arbitrary: nastyDate },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, true, false) },
);

const phone = fc.oneof(fc.stringMatching(/^01[0-9]-?\d{3,4}-?\d{4}$/), fc.stringMatching(/^\d{9,11}$/));

export const validUrlPay = fc.record(
  {
    PRODUCTNAME: fc.oneof(
      hangul.filter((s) => s.trim().length > 0 && s.length <= 40),
      fc.constant('제주 감귤 5kg'),
    ),
    AMOUNT: fc.oneof(
      fc.integer({ min: 1, max: 9_999_999_999 }),
      fc.integer({ min: 1, max: 99_999 }).map(String),
    ),
    BUYERNAME: fc.constantFrom('김하늘', 'Kim', '박 서준'),
    BUYERHP: phone,
    BUYEREMAIL: fc.constantFrom('a@b.co', 'buyer@example.com'),
    REQ_TYPE: fc.constantFrom('SMS', 'EMAIL', 'KAKAO', ''),
    TAXYN: fc.constantFrom('Y', 'N'),
    BILL_NO: fc.stringMatching(/^[A-Z0-9]{1,20}$/),
    MEMO: fc.string({ maxLength: 100 }),
    ETC1: fc.string({ maxLength: 100 }),
    ETC2: fc.string({ maxLength: 100 }),
  },
  { requiredKeys: ['PRODUCTNAME', 'AMOUNT', 'BUYERNAME', 'BUYERHP', 'BUYEREMAIL'] },
);

export const validDelivery = fc.record(
  {
    TID: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
    AMOUNT: fc.integer({ min: 1, max: 9_999_999_999 }),
    RECEIVERNAME: fc.constantFrom('박민수', 'Lee'),
    RECEIVERDATE: fc.constantFrom('20250301', '20240229', '20251231'),
    RECEIVERELATION: fc.constantFrom('본인', '가족'),
    PARCELNAME: fc.constantFrom('CJ대한통운', '우체국택배'),
    WAYBILLNO: fc.stringMatching(/^[0-9-]{1,50}$/).filter((s) => s.trim().length > 0),
    DELIVERYADDR: fc.constantFrom('서울시 중구 세종대로 110', 'Busan'),
    PRODUCTCODE: fc.stringMatching(/^[A-Z0-9]{0,10}$/),
  },
  {
    requiredKeys: [
      'TID',
      'AMOUNT',
      'RECEIVERNAME',
      'RECEIVERDATE',
      'RECEIVERELATION',
      'PARCELNAME',
      'WAYBILLNO',
      'DELIVERYADDR',
    ],
  },
);

export const validStatus = fc.oneof(
  fc.record({ URLKEY: fc.stringMatching(/^[A-Za-z0-9]{1,50}$/) }),
  fc.record({ TID: fc.stringMatching(/^[A-Za-z0-9]{1,100}$/) }),
);

/**
 * A valid record, mutated: some fields replaced by nasty values, some removed, maybe a credential or unknown
 * field added.
 */
export const mutated = (
  valid: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      valid,
      fc.array(fc.tuple(fc.nat(), nastyValue), { maxLength: 3 }),
      fc.array(fc.nat(), { maxLength: 2 }),
      fc.option(fc.constantFrom(...credentialKeys), { freq: 4 }),
      fc.option(fc.tuple(fc.string({ maxLength: 12 }), nastyValue), { freq: 3 }),
    )
    .map(([record, replacements, removals, credential, extra]) => {
      const out: Record<string, unknown> = { ...record };
      const keys = Object.keys(out);
      for (const [index, value] of replacements) {
        const key = keys[index % keys.length] as string;
        out[key] = value;
      }
      for (const index of removals) delete out[keys[index % keys.length] as string];
      if (credential) out[credential] = secretMarker;
      if (extra) out[extra[0]] = extra[1];
      return out;
    });

/** A payload for a kind: valid, mutated, or anything at all. */
export const payloadFor = (kind: 'urlpay' | 'delivery' | 'status'): fc.Arbitrary<unknown> => {
  const valid = { urlpay: validUrlPay, delivery: validDelivery, status: validStatus }[kind] as fc.Arbitrary<
    Record<string, unknown>
  >;
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    { weight: 5, arbitrary: mutated(valid) },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), nastyValue, { maxKeys: 6 }) },
  );
};
