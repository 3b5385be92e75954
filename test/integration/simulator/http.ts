import type { SimulatorOptions } from '../../../src/simulator/options.js';
import { type RunningSimulator, startSimulator } from '../../../src/simulator/start-simulator.js';
import { urlPayJob } from '../../fixtures/jobs.js';

export const API_ID = 'sim-shop';
export const API_KEY = 'sim-secret-key-123';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

/** POSTs JSON with real HTTP and returns the raw answer. */
export const post = async (
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawAnswer> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};

export const startTestSimulator = (extra: Partial<Omit<SimulatorOptions, 'apiId' | 'apiKey'>> = {}) =>
  startSimulator({ port: 0, apiId: API_ID, apiKey: API_KEY, ...extra });

export const getToken = async (sim: RunningSimulator): Promise<string> => {
  const answer = await post(sim.url, '/payAuth/token', { pay2_id: API_ID, pay2_key: API_KEY });
  const token = answer.json?.TOKEN;
  if (typeof token !== 'string') throw new Error(`no token: ${answer.text}`);
  return token;
};

/**
 * A `/urlpay/request` body as the manual's table has it: a job's fields (홍길동) plus API_ID and what the tests
 * check, BUYERHP in its 11 digits (the client strips the dashes of 010-1234-5678).
 */
export const linkRequest = (fields: Record<string, unknown> = {}) => ({
  API_ID,
  ...urlPayJob({
    PRODUCTNAME: '쿠키 선물세트',
    AMOUNT: '15000',
    BUYERHP: '01012345678',
    BUYEREMAIL: 'buyer@example.com',
    ETC1: 'order-1',
    ETC2: 'note',
  }),
  ...fields,
});

/** Makes a payment link and returns its URLKEY. */
export const createLink = async (sim: RunningSimulator, fields: Record<string, unknown> = {}) => {
  const answer = await post(sim.url, '/urlpay/request', linkRequest(fields), { ApiKey: API_KEY });
  const urlKey = answer.json?.URLKEY;
  if (typeof urlKey !== 'string') throw new Error(`no link: ${answer.text}`);
  return { urlKey, answer: answer.json ?? {} };
};
