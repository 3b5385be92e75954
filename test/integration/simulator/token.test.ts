import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/start-simulator.js';
import { sleep } from '../../helpers/wait.js';
import { API_ID, API_KEY, createLink, getToken, post, startTestSimulator } from './http.js';

const decode = (part: string | undefined): Record<string, unknown> =>
  JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

const isTokenRejection = (json: Record<string, unknown> | undefined) => {
  expect(json?.RESULTCODE).not.toBe('0000');
  expect(String(json?.RESULTMSG)).toMatch(/토큰|TOKEN/);
};

describe('simulator TOKEN', () => {
  let sim: RunningSimulator;
  let shortLived: RunningSimulator;
  let urlKey: string;

  beforeAll(async () => {
    sim = await startTestSimulator();
    shortLived = await startTestSimulator({ tokenTtlSeconds: 1 });
    urlKey = (await createLink(sim)).urlKey;
  });
  afterAll(async () => {
    await sim.close();
    await shortLived.close();
  });

  it('issues an HS256 JWT for the right pay2_id/pay2_key, user = API ID, valid one hour', async () => {
    const answer = await post(sim.url, '/payAuth/token', { pay2_id: API_ID, pay2_key: API_KEY });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ RTN_CD: '0000', RTN_MSG: '성공' });
    const parts = String(answer.json?.TOKEN).split('.');
    expect(parts).toHaveLength(3);
    expect(decode(parts[0])).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decode(parts[1]);
    expect(claims.user).toBe(API_ID);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(Math.abs(Number(claims.iat) - Date.now() / 1000)).toBeLessThan(5);
    expect(typeof claims.jti).toBe('string');
  });

  it('answers E003 without TOKEN for a wrong key or id', async () => {
    for (const body of [
      { pay2_id: API_ID, pay2_key: 'wrong' },
      { pay2_id: 'other-shop', pay2_key: API_KEY },
    ]) {
      const answer = await post(sim.url, '/payAuth/token', body);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ RTN_CD: 'E003', RTN_MSG: 'ID & KEY 불일치' });
    }
  });

  it('answers a missing pay2_key in RTN_CD shape naming the field', async () => {
    const answer = await post(sim.url, '/payAuth/token', { pay2_id: API_ID });
    expect(answer.json?.RTN_CD).toBe('E004');
    expect(String(answer.json?.RTN_MSG)).toContain('pay2_key');
    expect(answer.json).not.toHaveProperty('TOKEN');
  });

  it('accepts its own token under any header case when any-header-case says so', async () => {
    const token = await getToken(sim);
    await sim.control.setAssumptions('any-header-case');
    for (const name of ['TOKEN', 'token', 'Token']) {
      const answer = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { [name]: token });
      expect(answer.json?.RESULTCODE).toBe('EA01');
    }
    await sim.control.setAssumptions('manual-literal');
    await sim.control.resetRequests();
  });

  it('rejects a missing, malformed, forged or tampered token with a message speaking of the token', async () => {
    const token = await getToken(sim);
    const [header, payload] = token.split('.');
    const forgedSignature = createHmac('sha256', 'another-secret').update(`${header}.${payload}`).digest();
    const claims = { ...decode(payload), user: 'someone-else' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${token.split('.')[2]}`;
    const candidates: Record<string, string>[] = [
      {},
      { TOKEN: 'not-a-jwt' },
      { TOKEN: `${header}.${payload}.${forgedSignature.toString('base64url')}` },
      { TOKEN: tampered },
      { TOKEN: await getToken(shortLived) },
    ];
    for (const headers of candidates) {
      const answer = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, headers);
      expect(answer.status).toBe(200);
      isTokenRejection(answer.json);
    }
  });

  it('rejects every token issued before revoke-tokens, and accepts new ones', async () => {
    const old = await getToken(sim);
    await sim.control.revokeTokens();
    const rejected = await post(sim.url, '/api/paycert', { tid: 'X' }, { TOKEN: old });
    isTokenRejection(rejected.json);
    expect(rejected.json?.RESULTCODE).toBe('E005');
    const fresh = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: await getToken(sim) });
    expect(fresh.json?.RESULTCODE).toBe('EA01');
  });

  it('rejects an expired token (tokenTtlSeconds: 1)', async () => {
    const answer = await post(shortLived.url, '/payAuth/token', { pay2_id: API_ID, pay2_key: API_KEY });
    const token = String(answer.json?.TOKEN);
    const claims = decode(token.split('.')[1]);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(1);
    await sleep(2100);
    const expired = await post(shortLived.url, '/api/paycert', { tid: 'X' }, { TOKEN: token });
    isTokenRejection(expired.json);
    expect(expired.json?.RESULTMSG).toBe('TOKEN이 만료되었습니다');
  });

  it('never speaks of the token in other errors', async () => {
    const token = await getToken(sim);
    const answers = [
      await post(sim.url, '/api/urlcert', { URLKEY: 'unknown-key' }, { TOKEN: token }),
      await post(sim.url, '/api/paycert', { tid: 'unknown' }, { TOKEN: token }),
      await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token }),
      await post(sim.url, '/urlpay/request', { API_ID }, { ApiKey: API_KEY }),
      await post(sim.url, '/urlpay/request', { API_ID }, {}),
    ];
    for (const answer of answers) {
      expect(answer.json?.RESULTCODE).not.toBe('0000');
      expect(String(answer.json?.RESULTMSG)).not.toMatch(/토큰|token/i);
    }
  });
});
