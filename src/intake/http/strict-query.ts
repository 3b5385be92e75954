/**
 * Query parameters read strictly, so that a flag the client got wrong never falls back to a default that writes
 * (`dryRun=TRUE`, `yes`, `dryrun=true`, `dryRun[]=true`, a repeated `dryRun` did a real upload): only the listed
 * parameters, each at most once, a boolean exactly `true` or `false`, an enum exactly one of its values.
 */

/** One parameter a route accepts. */
export type QueryParameter = { type: 'boolean' } | { type: 'enum'; values: readonly string[] };

/** The parameters a route accepts, by their exact (case-sensitive) name. */
export type QuerySpec = Readonly<Record<string, QueryParameter>>;

type ValueOf<Parameter extends QueryParameter> = Parameter extends {
  type: 'enum';
  values: readonly (infer V)[];
}
  ? V
  : boolean;

/** What a spec reads to: each parameter's value, undefined when not given. */
export type QueryValues<Spec extends QuerySpec> = { [Name in keyof Spec]?: ValueOf<Spec[Name]> };

/** Why a query was refused: the parameter (as the client spelled it) and what is wrong with it. */
export interface QueryProblem {
  parameter: string;
  message: string;
}

export type QueryReading<Spec extends QuerySpec> =
  | { ok: true; values: QueryValues<Spec> }
  | { ok: false; problem: QueryProblem };

/** Echoes of what the client sent are cut to this many characters. */
const echoChars = 40;
const echo = (text: string): string =>
  JSON.stringify(text.length > echoChars ? `${text.slice(0, echoChars)}…` : text);

const accepted = (spec: QuerySpec): string => {
  const names = Object.keys(spec);
  return names.length === 0 ? 'this route takes no query parameters' : `accepted: ${names.join(', ')}`;
};

const readValue = (name: string, parameter: QueryParameter, raw: string): QueryReading<QuerySpec> => {
  if (parameter.type === 'boolean') {
    if (raw === 'true' || raw === 'false') return { ok: true, values: { [name]: raw === 'true' } };
    return { ok: false, problem: { parameter: name, message: `must be true or false, not ${echo(raw)}` } };
  }
  if (parameter.values.includes(raw)) return { ok: true, values: { [name]: raw } };
  return {
    ok: false,
    problem: { parameter: name, message: `must be one of ${parameter.values.join(', ')}, not ${echo(raw)}` },
  };
};

/**
 * Reads a parsed query (`request.query`: names to a string, or to an array when repeated) against `spec`. Pure:
 * the first problem is returned, an unknown name, a repeated one, or a value that is not exactly allowed.
 */
export const readStrictQuery = <Spec extends QuerySpec>(spec: Spec, query: unknown): QueryReading<Spec> => {
  const values: Record<string, unknown> = {};
  const entries = query !== null && typeof query === 'object' ? Object.entries(query) : [];
  for (const [name, raw] of entries) {
    const parameter = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!parameter)
      return { ok: false, problem: { parameter: name, message: `is not a parameter (${accepted(spec)})` } };
    if (typeof raw !== 'string')
      return { ok: false, problem: { parameter: name, message: 'must be given once, with one value' } };
    const reading = readValue(name, parameter, raw);
    if (!reading.ok) return reading;
    Object.assign(values, reading.values);
  }
  return { ok: true, values: values as QueryValues<Spec> };
};

/** The 400 answer's body for a refused query. */
export const queryProblemBody = (problem: QueryProblem) => ({
  error: 'INVALID_QUERY',
  message: `query parameter ${echo(problem.parameter)} ${problem.message}`,
  parameter: problem.parameter,
});
