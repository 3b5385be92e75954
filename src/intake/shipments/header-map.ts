import { deliveryFieldsSchema } from '../../cookiepay/schemas/delivery.js';
import { BatchFileError } from './batch-errors.js';

/** The fields of a delivery job, in the manual's order: those of the delivery job schema. */
export const shipmentFields = Object.keys(
  deliveryFieldsSchema.shape,
) as (keyof typeof deliveryFieldsSchema.shape)[];
export type ShipmentField = (typeof shipmentFields)[number];

const optionalFields: readonly ShipmentField[] = ['PRODUCTCODE'];

/** The manual's Korean labels, written without spaces (headers are compared without them). */
const koreanLabels: Readonly<Record<string, ShipmentField>> = {
  PG거래고유번호: 'TID',
  결제금액: 'AMOUNT',
  실수령자: 'RECEIVERNAME',
  실수령일: 'RECEIVERDATE',
  실수령자와의관계: 'RECEIVERELATION',
  택배사명: 'PARCELNAME',
  운송장번호: 'WAYBILLNO',
  배송지주소: 'DELIVERYADDR',
  상품코드: 'PRODUCTCODE',
};

/**
 * A header cell as compared: BOM and spaces removed, a trailing parenthesised suffix dropped
 * (`실수령일(YYYYMMDD)`, `결제금액 (원)`, full-width brackets too), Latin letters upper-cased.
 */
export const normaliseHeader = (header: string): string =>
  header
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/(?:\([^()]*\)|（[^（）]*）|\[[^[\]]*\])+$/, '')
    .toUpperCase();

export const fieldOfHeader = (header: string): ShipmentField | undefined => {
  const key = normaliseHeader(header);
  if ((shipmentFields as readonly string[]).includes(key)) return key as ShipmentField;
  return koreanLabels[key];
};

/** A header cell echoed in a message is cut to this many characters; at most this many problems are listed. */
const echoChars = 40;
const problemsListed = 20;
const echo = (header: string): string => {
  const trimmed = header.trim();
  return JSON.stringify(trimmed.length > echoChars ? `${trimmed.slice(0, echoChars)}…` : trimmed);
};

/** Which field each column holds; undefined for a column with a blank header (ignored). */
export type HeaderMapping = readonly (ShipmentField | undefined)[];

/**
 * Maps a CSV header row to delivery fields. Blank header cells (Excel's trailing empty columns) are ignored;
 * an unknown, repeated or missing required column throws a BatchFileError naming such columns (the first 20
 * problems, each header echoed up to 40 characters: the answer stays small whatever the header line).
 */
export const mapHeader = (headers: readonly string[]): HeaderMapping => {
  const problems: string[] = [];
  const seen = new Set<ShipmentField>();
  const mapping = headers.map((header) => {
    if (header.trim() === '' || header.trim() === '\uFEFF') return undefined;
    const field = fieldOfHeader(header);
    if (!field) {
      problems.push(`unknown column ${echo(header)}`);
      return undefined;
    }
    if (seen.has(field)) problems.push(`column ${field} appears twice (${echo(header)})`);
    seen.add(field);
    return field;
  });
  const missing = shipmentFields.filter((field) => !seen.has(field) && !optionalFields.includes(field));
  if (missing.length > 0)
    problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (problems.length > 0) {
    const listed =
      problems.length > problemsListed
        ? [...problems.slice(0, problemsListed), `${problems.length - problemsListed} more problems`]
        : problems;
    throw new BatchFileError(
      'header',
      `${listed.join('; ')}. Columns are the manual's names (${shipmentFields.join(', ')}) or their Korean labels`,
      1,
    );
  }
  return mapping;
};
