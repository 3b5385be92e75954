import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/start-simulator.js';
import { API_ID, API_KEY, createLink, getToken, linkRequest, post, startTestSimulator } from './http.js';

/** Node's fetch keeps the case of header names: what is sent here is what the simulator's rawHeaders see. */
describe('simulator checks every request against the manual', () => {
  let sim: RunningSimulator;
  let token: string;
  let urlKey: string;

  beforeAll(async () => {
    sim = await startTestSimulator();
    token = await getToken(sim);
    urlKey = (await createLink(sim)).urlKey;
  });
  beforeEach(async () => {
    await sim.control.setAssumptions({ profile: 'manual-literal' });
    await sim.control.resetRequests();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('refuses a field the manual does not list, and records it in the log and the violations', async () => {
    const answer = await post(sim.url, '/urlpay/request', linkRequest({ PRODUCTCODE: 'P-1' }), {
      ApiKey: API_KEY,
    });
    expect(answer.json).toEqual({
      RESULTCODE: 'E004',
      RESULTMSG: 'PRODUCTCODE: is not a field of /urlpay/request in the manual',
    });
    const [entry] = await sim.control.requests();
    expect(entry).toMatchObject({
      endpoint: '/urlpay/request',
      outcome: 'refused',
      status: 200,
      resultCode: 'E004',
      violations: [{ field: 'PRODUCTCODE', reason: 'is not a field of /urlpay/request in the manual' }],
    });
    expect(await sim.control.violations()).toEqual([
      { seq: entry?.seq, endpoint: '/urlpay/request', at: entry?.at, violations: entry?.violations },
    ]);
    expect((await sim.control.payments()).links).toHaveLength(1);
  });

  it('refuses an over-long field and a forbidden value, naming each', async () => {
    const answer = await post(
      sim.url,
      '/urlpay/request',
      linkRequest({ BUYERNAME: '가'.repeat(21), AMOUNT: '1.5' }),
      { ApiKey: API_KEY },
    );
    expect(answer.json?.RESULTCODE).toBe('E004');
    expect(answer.json?.RESULTMSG).toBe(
      'AMOUNT: must contain digits only (no sign, comma, decimal point or letter); ' +
        'BUYERNAME: must be at most 20 characters (has 21)',
    );
    const [record] = await sim.control.violations();
    expect(record?.violations.map((v) => ('field' in v ? v.field : v.header))).toEqual([
      'AMOUNT',
      'BUYERNAME',
    ]);
  });

  it('refuses a wrong header name, and a wrong case unless any-header-case says so', async () => {
    const misnamed = await post(sim.url, '/urlpay/request', linkRequest(), { 'Api-Key': API_KEY });
    expect(misnamed.json).toEqual({
      RESULTCODE: 'E001',
      RESULTMSG: 'ApiKey 헤더가 없습니다 (sent as "Api-Key": the manual writes "ApiKey")',
    });
    await sim.control.setAssumptions('any-header-case');
    const lowerCase = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { token });
    expect(lowerCase.json?.RESULTCODE).toBe('EA01');

    // manual-literal (the default): the names exactly as the manual's samples write them.
    await sim.control.setAssumptions({ profile: 'manual-literal' });
    const strict = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { token });
    expect(strict.json).toEqual({
      RESULTCODE: 'E005',
      RESULTMSG: 'TOKEN 헤더가 없습니다 (sent as "token": the manual writes "TOKEN" (exact case))',
    });
    const exact = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token });
    expect(exact.json?.RESULTCODE).toBe('EA01');
    const key = await post(sim.url, '/urlpay/request', linkRequest(), { apikey: API_KEY });
    expect(key.json?.RESULTCODE).toBe('E001');

    const records = await sim.control.violations();
    expect(records.map((r) => r.violations)).toEqual([
      [{ header: 'ApiKey', reason: 'sent as "Api-Key": the manual writes "ApiKey"' }],
      [{ header: 'TOKEN', reason: 'sent as "token": the manual writes "TOKEN" (exact case)' }],
      [{ header: 'ApiKey', reason: 'sent as "apikey": the manual writes "ApiKey" (exact case)' }],
    ]);
    const entries = await sim.control.requests({ endpoint: '/api/urlcert' });
    expect(entries.at(-1)?.headerNames).toContain('TOKEN');
    expect(entries.at(-1)?.violations).toEqual([]);
  });

  it('refuses a body that is not JSON or a content type other than JSON', async () => {
    const notJson = await post(sim.url, '/payAuth/token', 'pay2_id=a&pay2_key=b', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(notJson.json).toEqual({
      RTN_CD: 'E004',
      RTN_MSG: 'Content-Type: must be application/json, as the manual sends it; (body): is not JSON',
    });
    const plain = await post(
      sim.url,
      '/payAuth/token',
      { pay2_id: API_ID, pay2_key: API_KEY },
      {
        'content-type': 'text/plain',
      },
    );
    expect(plain.json?.RTN_CD).toBe('E004');
    expect(plain.json).not.toHaveProperty('TOKEN');
    const [first] = await sim.control.requests();
    expect(first?.body).toBe('(not JSON, 20 bytes)');
    expect(JSON.stringify(await sim.control.requests())).not.toContain(API_KEY);
  });

  it('refuses before any scripted answer, which stays queued', async () => {
    await sim.control.script('/api/urlcert', [{ resultCode: 'E777' }]);
    const refused = await post(sim.url, '/api/urlcert', { URLKEY: urlKey, extra: 'x' }, { TOKEN: token });
    expect(refused.json?.RESULTCODE).toBe('E004');
    const scripted = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token });
    expect(scripted.json?.RESULTCODE).toBe('E777');
  });

  it('forgets violations on DELETE /__sim/requests and on reset', async () => {
    await post(sim.url, '/api/urlcert', {}, { TOKEN: token });
    expect(await sim.control.violations()).toHaveLength(1);
    await sim.control.resetRequests();
    expect(await sim.control.violations()).toEqual([]);
    await post(sim.url, '/api/urlcert', {}, { TOKEN: token });
    expect(await sim.control.violations({ endpoint: '/api/urlcert' })).toHaveLength(1);
    expect(await sim.control.violations({ endpoint: '/api/paycert' })).toEqual([]);
    await sim.control.reset();
    expect(await sim.control.violations()).toEqual([]);
    token = await getToken(sim);
    urlKey = (await createLink(sim)).urlKey;
  });

  it('calls onViolation for every refused request (what the test harness listens to)', async () => {
    const seen: string[] = [];
    const other = await startTestSimulator({ onViolation: (record) => seen.push(record.endpoint) });
    try {
      await post(other.url, '/payAuth/token', { pay2_id: API_ID });
      await post(other.url, '/payAuth/token', { pay2_id: API_ID, pay2_key: API_KEY });
      expect(seen).toEqual(['/payAuth/token']);
    } finally {
      await other.close();
    }
  });
});
