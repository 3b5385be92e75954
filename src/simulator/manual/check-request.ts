import type { FieldFormat, FieldSpec, ManualRequest, RequestTable, Violation } from './request-table.js';

/** A body that did not parse as JSON. Its text is not kept (it may hold a secret). */
export class UnparsedBody {
  constructor(readonly bytes: number) {}
}

/** A request as it arrived: header names in the case they were sent (`request.rawHeaders`) and the parsed body. */
export interface RequestOnWire {
  /** Name, value, name, value, … exactly as sent (Node's `rawHeaders`). */
  rawHeaders: readonly string[];
  /** The JSON value of the body, an UnparsedBody, or undefined when there was none. */
  body: unknown;
}

export interface CheckOptions {
  /**
   * Header names must be written as the manual's samples write them (`ApiKey`, `TOKEN`). HTTP says the case does
   * not matter, but a PHP backend reading `getallheaders()['ApiKey']` would not find `apikey`. Off: any case passes.
   */
  strictHeaderCase: boolean;
}

const CONTENT_TYPE = 'Content-Type';

/** `Api-Key`, `api_key`, `X-ApiKey` all read `apikey`: names a client may have meant for a manual header. */
const looseName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/^x-/, '')
    .replace(/[^a-z0-9]/g, '');

const headerPairs = (rawHeaders: readonly string[]): [string, string][] => {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    pairs.push([rawHeaders[i] ?? '', rawHeaders[i + 1] ?? '']);
  return pairs;
};

/**
 * The samples send `Content-Type: application/json` (curl) and `content-type: application/json; charset=utf-8`
 * (PHP): both spellings of the name pass whatever the case switch; the type must be JSON, a charset UTF-8.
 */
const checkContentType = (pairs: readonly [string, string][]): Violation[] => {
  const sent = pairs.find(([name]) => name.toLowerCase() === 'content-type');
  if (!sent) return [{ header: CONTENT_TYPE, reason: 'is required: the manual sends application/json' }];
  const [type = '', ...parameters] = sent[1].split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') {
    return [{ header: CONTENT_TYPE, reason: 'must be application/json, as the manual sends it' }];
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  if (charset && !/^charset="?utf-8"?$/.test(charset)) {
    return [{ header: CONTENT_TYPE, reason: 'charset must be utf-8' }];
  }
  return [];
};

/** The table's headers: present when required, not blank, and written as the manual writes them. */
export const checkHeaders = (
  table: RequestTable,
  rawHeaders: readonly string[],
  options: CheckOptions,
): Violation[] => {
  const pairs = headerPairs(rawHeaders);
  const violations = checkContentType(pairs);
  for (const spec of table.headers) {
    const lower = spec.name.toLowerCase();
    const misnamed = pairs.filter(
      ([name]) => name.toLowerCase() !== lower && looseName(name) === looseName(spec.name),
    );
    const otherCase = pairs.filter(([name]) => name !== spec.name && name.toLowerCase() === lower);
    for (const [name] of misnamed) {
      violations.push({ header: spec.name, reason: `sent as "${name}": the manual writes "${spec.name}"` });
    }
    if (options.strictHeaderCase) {
      for (const [name] of otherCase) {
        violations.push({
          header: spec.name,
          reason: `sent as "${name}": the manual writes "${spec.name}" (exact case)`,
        });
      }
    }
    const accepted = pairs.filter(
      ([name]) => name === spec.name || (!options.strictHeaderCase && name.toLowerCase() === lower),
    );
    const wronglySent = misnamed.length > 0 || (options.strictHeaderCase && otherCase.length > 0);
    if (accepted.length === 0) {
      if (spec.required && !wronglySent)
        violations.push({ header: spec.name, reason: 'is required (필수(헤더))' });
    } else if (spec.required && accepted.every(([, value]) => value.trim() === '')) {
      violations.push({ header: spec.name, reason: 'must not be empty' });
    }
  }
  return violations;
};

const isRealDate = (text: string): boolean => {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** Why a (non-empty) value breaks the format, or null. */
const formatProblem = (format: FieldFormat, value: string): string | null => {
  switch (format.kind) {
    case 'digits':
      return /^\d+$/.test(value)
        ? null
        : 'must contain digits only (no sign, comma, decimal point or letter)';
    case 'yyyymmdd':
      if (!/^\d{8}$/.test(value)) return 'must be a date written YYYYMMDD';
      return isRealDate(value) ? null : 'is not a real calendar date';
    case 'one-of':
      return format.values.includes(value) ? null : `must be one of ${format.values.join(', ')}`;
    case 'without': {
      const found = format.characters.find((character) => value.includes(character));
      return found === undefined ? null : `must not contain "${found}"`;
    }
  }
};

/** A JSON string, or a number read as its text (the samples write strings; integrations also send numbers). */
const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
};

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

const isRequired = (spec: FieldSpec, body: Record<string, unknown>): boolean => {
  if (spec.required) return true;
  if (!spec.requiredWhen) return false;
  const other = textOf(body[spec.requiredWhen.field]);
  return other !== undefined && spec.requiredWhen.values.includes(other);
};

const checkField = (spec: FieldSpec, body: Record<string, unknown>): string | null => {
  const value = body[spec.name];
  const required = isRequired(spec, body);
  if (isAbsent(value)) return required ? 'is required' : null;
  const text = textOf(value);
  if (text === undefined) return 'must be a string';
  if (text.trim() === '') return required ? 'is required (empty)' : null;
  const length = [...text].length;
  if (spec.maxLength !== null && length > spec.maxLength) {
    return `must be at most ${spec.maxLength} characters (has ${length})`;
  }
  return spec.format ? formatProblem(spec.format, text) : null;
};

export const isJsonObject = (body: unknown): body is Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && !(body instanceof UnparsedBody);

/** The body against the table: a JSON object of the table's fields only, each as its row says. */
export const checkBody = (table: RequestTable, body: unknown): Violation[] => {
  if (body instanceof UnparsedBody) return [{ field: '(body)', reason: 'is not JSON' }];
  if (!isJsonObject(body)) return [{ field: '(body)', reason: 'must be a JSON object' }];
  const violations: Violation[] = [];
  const names = new Map(table.fields.map((spec) => [spec.name.toLowerCase(), spec.name]));
  for (const name of Object.keys(body)) {
    if (table.fields.some((spec) => spec.name === name)) continue;
    const meant = names.get(name.toLowerCase());
    const hint = meant === undefined ? '' : ` (it writes "${meant}")`;
    violations.push({ field: name, reason: `is not a field of ${table.endpoint} in the manual${hint}` });
  }
  for (const spec of table.fields) {
    const reason = checkField(spec, body);
    if (reason !== null) violations.push({ field: spec.name, reason });
  }
  return violations;
};

/** Every way the request breaks its table: headers first, then the body. Empty when it follows the manual. */
export const checkRequest = (
  table: RequestTable,
  request: RequestOnWire,
  options: CheckOptions,
): Violation[] => [...checkHeaders(table, request.rawHeaders, options), ...checkBody(table, request.body)];

/**
 * The fields of a body that passed `checkRequest`, as strings; an optional field given as '' (or null) is left
 * out, as not given.
 */
export const readFields = <T extends RequestTable>(table: T, body: unknown): ManualRequest<T> => {
  const fields: Record<string, string> = {};
  if (!isJsonObject(body)) return fields as ManualRequest<T>;
  for (const spec of table.fields) {
    const text = textOf(body[spec.name]);
    if (text !== undefined && text.trim() !== '') fields[spec.name] = text;
  }
  return fields as ManualRequest<T>;
};
