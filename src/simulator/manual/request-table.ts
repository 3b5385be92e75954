/**
 * The shape of a request table written from the CookiePay manual (`../shared/reference/cookiepay-manual/`): one per
 * endpoint, each field and header as its table row gives it. Nothing here comes from `src/cookiepay`: the simulator
 * is a witness of its own, and a misreading shared by client and simulator would pass every test.
 */

/** What the manual says a value must look like, beyond its length. */
export type FieldFormat =
  /** `숫자만 사용합니다` / `문자 및 특수문자 허용 불가`: digits only (a JSON integer is read as its digits). */
  | { kind: 'digits' }
  /** `(YYYYMMDD)`: a calendar date that exists. */
  | { kind: 'yyyymmdd' }
  /** One of the listed values (an optional field may also be empty). */
  | { kind: 'one-of'; values: readonly string[] }
  /** Free text without the characters listed (`& 문자를 입력하시면 오류 발생`). */
  | { kind: 'without'; characters: readonly string[] };

/** One row of a request table. */
export interface FieldSpec {
  /** The field's name, exactly as the manual writes it (the case matters: `tid` is not `TID`). */
  name: string;
  /** The manual's 내용 column, in Korean. */
  label: string;
  /** `필수` (required: present and not blank) or `선택` (optional: absent, null or '' all mean not given). */
  required: boolean;
  /** Required only when another field has one of these values (`EMAIL:필수 KAKAO,SMS:선택`). */
  requiredWhen?: { field: string; values: readonly string[] };
  /** The 길이 column, counted in characters; null where the manual gives none. */
  maxLength: number | null;
  format?: FieldFormat;
}

/** A header the manual's samples send (`-H "ApiKey: …"`): its name is compared exactly, as the samples write it. */
export interface HeaderSpec {
  name: string;
  label: string;
  required: boolean;
}

/** Everything the manual says of one endpoint's request. */
export interface RequestTable {
  endpoint: string;
  /** The manual page (or other source) the table was written from. */
  source: string;
  headers: readonly HeaderSpec[];
  fields: readonly FieldSpec[];
}

/** One way a request breaks the manual: a field or a header, and why. Never the value itself. */
export type Violation = { field: string; reason: string } | { header: string; reason: string };

type RequiredNames<T extends RequestTable> = Extract<
  T['fields'][number],
  { required: true; requiredWhen?: undefined }
>['name'];

/**
 * The fields of a request that passed its table, every value a string (a JSON integer as its digits): required
 * fields always there, the others when given.
 */
export type ManualRequest<T extends RequestTable> = { [N in RequiredNames<T>]: string } & {
  [N in Exclude<T['fields'][number]['name'], RequiredNames<T>>]?: string;
};
