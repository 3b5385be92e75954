import http from 'node:http';
import https from 'node:https';
import type { RequestFunction } from 'got';

/**
 * The header names as written, keyed by their lower case: `{apikey: 'ApiKey', token: 'TOKEN'}`. got keeps
 * headers under lower-case names; this is how the names the manual writes are found again.
 */
export const spellingsOf = (names: Iterable<string>): ReadonlyMap<string, string> =>
  new Map([...names].map((name) => [name.toLowerCase(), name]));

/** `headers` with every name found in `spellings` written that way instead. Pure. */
export const respell = (
  headers: Readonly<Record<string, unknown>>,
  spellings: ReadonlyMap<string, string>,
): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [spellings.get(name.toLowerCase()) ?? name, value]),
  );

const isHeaderList = (headers: unknown): headers is readonly string[] => Array.isArray(headers);

/**
 * A request function for got that sends the given header names exactly as written (`ApiKey`, `TOKEN`, as the
 * manual's samples do). got lower-cases every name it is given, and a backend reading `getallheaders()['ApiKey']`
 * would not find `apikey`; Node's `http.request` keeps the case of the names it is handed, so the names are put
 * back just before it. Plain HTTP/1.1 (http or https by the URL), as got itself sends without `http2`.
 */
export const requestWithHeaderNames = (spellings: ReadonlyMap<string, string>): RequestFunction => {
  const send: RequestFunction = (url, options, callback) => {
    const request = url.protocol === 'https:' ? https.request : http.request;
    const given = options.headers ?? {};
    // got always passes an object; a raw [name, value, …] list would already be as written.
    const headers = isHeaderList(given) ? given : (respell(given, spellings) as http.OutgoingHttpHeaders);
    return request(url, { ...options, headers }, callback);
  };
  return send;
};
