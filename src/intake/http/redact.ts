/** Names whose values never reach the board, at any depth, whatever their casing. */
const secretName = /^(api_?key|token|pay2_key|authorization|cookiepay_api_key)$/i;

export const redactedValue = '[redacted]';

/** A copy of a job's data or return value with every secret-named field replaced. Job data carries none by contract; this is a second line. */
export const redactSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      secretName.test(key) ? redactedValue : redactSecrets(inner),
    ]),
  );
};
