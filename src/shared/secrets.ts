/**
 * What is secret, in one place. Every redaction (log lines, the board, the simulator's request log) and every scrub
 * (error causes and messages) asks this module; so does the job-data check of credentials.
 *
 * Secret values: CookiePay's ApiKey (also sent as pay2_key), its TOKEN, the board password, Redis URL passwords.
 */

/**
 * Names whose value is secret, in every spelling that occurs: CookiePay's header and fields, HTTP headers (Node
 * lower-cases them), our option and environment names. Exact spellings, because pino's redaction matches names
 * exactly; `isSecretName` matches them in any casing.
 */
export const secretNames = [
  // CookiePay's ApiKey header, our option for it, and the manual's other spellings.
  'ApiKey',
  'apiKey',
  'apikey',
  'APIKEY',
  'api_key',
  // The ApiKey again, as the token request's field.
  'pay2_key',
  'COOKIEPAY_API_KEY',
  // CookiePay's TOKEN header.
  'TOKEN',
  'token',
  // The board's basic-auth password, and the header that carries it.
  'BOARD_PASSWORD',
  'boardPassword',
  'password',
  'authorization',
  'cookie',
  // Spellings clients use (pino's exact-path redaction needs them; `isSecretName` matches them by pattern too).
  'access_token',
  'accessToken',
  'x-api-key',
  'secret',
  'bearer',
] as const;

/**
 * Names under which CookiePay's credentials travel in a request: the account (API_ID, pay2_id) and the secrets
 * (ApiKey, pay2_key, TOKEN). Job data carrying one of these names in any casing, or any secret-like name
 * (`isCredentialName`), is refused: the worker adds credentials.
 */
export const credentialNames = ['API_ID', 'ApiKey', 'APIKEY', 'TOKEN', 'pay2_id', 'pay2_key'] as const;

/** Tells whether a field or header name holds a secret value. */
export type SecretNameMatcher = (name: string) => boolean;

export interface SecretNameRules {
  /** Names matched whole, in any casing. */
  names: readonly string[];
  /** Words matched anywhere in a name, in any casing (e.g. `token`, `secret`); none by default. */
  fragments?: readonly string[] | undefined;
  /**
   * Endings of a name's last word, or of its last two words run together (any casing; words split at `_`, `-`,
   * `.`, spaces and lower-to-upper case): `secret` catches `clientSecret`, `apikey` catches `x-api-key` and
   * `XAPIKEY`, while `URLKEY`, `urlKey`, `tokenTtlSeconds` and `tokens` pass. None by default.
   */
  endings?: readonly string[] | undefined;
}

/** A name's words, lower-cased: `x-api-key` → x, api, key; `accessToken` → access, token; `URLKEY` → urlkey. */
export const nameWords = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);

/**
 * A matcher of `names` (whole, any casing), of names containing one of `fragments` (any casing), and of names whose
 * last word (or last two words together) ends with one of `endings`.
 */
export const secretNameMatcher = ({
  names,
  fragments = [],
  endings = [],
}: SecretNameRules): SecretNameMatcher => {
  const whole = new Set(names.map((name) => name.toLowerCase()));
  const parts = fragments.map((fragment) => fragment.toLowerCase());
  const ends = endings.map((ending) => ending.toLowerCase());
  return (name) => {
    const lower = name.toLowerCase();
    if (whole.has(lower) || parts.some((part) => lower.includes(part))) return true;
    if (ends.length === 0) return false;
    const words = nameWords(name);
    const last = words.at(-1) ?? '';
    const lastTwo = `${words.at(-2) ?? ''}${last}`;
    return ends.some((ending) => last.endsWith(ending) || lastTwo.endsWith(ending));
  };
};

/**
 * What makes a name secret wherever it comes from (job data, headers, log fields): its last word ends with one of
 * these. A bare `key` is not among them (`URLKEY`, a cache key): only a key of a kind that is secret.
 */
export const secretNameEndings = [
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'apikey',
  'privatekey',
  'secretkey',
  'accesskey',
  'signingkey',
  'authorization',
  'bearer',
  'credential',
  'credentials',
  'cookie',
] as const;

/** The secret names in any casing, and every name that ends like a secret (`secretNameEndings`). */
export const isSecretName: SecretNameMatcher = secretNameMatcher({
  names: secretNames,
  endings: secretNameEndings,
});

const credentialNamesLower = new Set<string>(credentialNames.map((name) => name.toLowerCase()));

/**
 * Tells whether job data must not carry a field of this name: one of CookiePay's credential names in any casing
 * (`api_id`, `Pay2_Key`), or any secret-like name (`isSecretName`: `apikey`, `token`, `access_token`, …).
 */
export const isCredentialName: SecretNameMatcher = (name) =>
  credentialNamesLower.has(name.toLowerCase()) || isSecretName(name);

/** What replaces a secret value. */
export const redactedValue = '[redacted]';

export interface RedactOptions {
  /** The replacement; `[redacted]` by default. */
  censor?: string | undefined;
  isSecret?: SecretNameMatcher | undefined;
  /**
   * Look into plain objects and arrays only, leave instances of classes (errors, requests, buffers) as they are:
   * for log lines, whose objects may be large graphs serialised by their own rules.
   */
  plainOnly?: boolean | undefined;
}

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * `value` with every secret-named field replaced, at any depth (objects and arrays). Pure: what holds nothing
 * secret is returned as it is (no copy), what does is copied.
 */
export const redactSecrets = (value: unknown, options: RedactOptions = {}): unknown => {
  const censor = options.censor ?? redactedValue;
  const isSecret = options.isSecret ?? isSecretName;
  const seen = new WeakSet<object>();
  const redact = (inner: unknown): unknown => {
    if (inner === null || typeof inner !== 'object' || seen.has(inner)) return inner;
    if (Array.isArray(inner)) {
      seen.add(inner);
      const items = inner.map(redact);
      return items.some((item, index) => item !== inner[index]) ? items : inner;
    }
    if (options.plainOnly && !isPlainObject(inner)) return inner;
    seen.add(inner);
    let copy: Record<string, unknown> | undefined;
    for (const [key, field] of Object.entries(inner)) {
      const clean = isSecret(key) ? censor : redact(field);
      if (clean !== field) {
        copy ??= { ...(inner as Record<string, unknown>) };
        copy[key] = clean;
      }
    }
    return copy ?? inner;
  };
  return redact(value);
};

/** The values of `record`'s secret-named fields that are non-empty strings (to scrub them from error messages). */
export const secretValuesIn = (
  record: Readonly<Record<string, unknown>>,
  isSecret: SecretNameMatcher = isSecretName,
): string[] =>
  Object.entries(record)
    .filter(([key, value]) => isSecret(key) && typeof value === 'string' && value.length > 0)
    .map(([, value]) => value as string);

/** `text` with every occurrence of a known secret value replaced (empty values are ignored). */
export const redactValues = (text: string, values: readonly string[]): string =>
  values
    .filter((value) => value.length > 0)
    .reduce((clean, value) => clean.split(value).join(redactedValue), text);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `name: value`, `name=value` and JSON `"name":"value"` / `"name": "value"` for every secret name (any casing; the
 * name may be quoted too; an `authorization` value's `Basic` / `Bearer` is hidden with it).
 */
const secretAssignment = new RegExp(
  `\\b(${[...new Set(secretNames.map((name) => name.toLowerCase()))].map(escapeRegExp).join('|')})\\b` +
    `("?\\s*[:=]\\s*)("?)(?:(?:basic|bearer)\\s+)?[^\\s",}]+\\3`,
  'gi',
);

/** The password of a URL's user info: `redis://user:password@host`, `rediss://:password@host`. */
const urlPassword = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/@]+@/gi;

/** `text` (an error message, a URL) with what looks like a secret masked: secret-named assignments, URL passwords. */
export const redactSecretsInText = (text: string): string =>
  text.replace(secretAssignment, `$1$2$3${redactedValue}$3`).replace(urlPassword, `$1${redactedValue}@`);
