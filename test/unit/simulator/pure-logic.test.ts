import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actionOfScript } from '../../../src/simulator/answers.js';
import { pickFault } from '../../../src/simulator/faults.js';
import { signJwt, verifyJwt } from '../../../src/simulator/jwt.js';
import {
  createRateWindow,
  decideRate,
  recordRate,
  retryAfterSeconds,
} from '../../../src/simulator/rate-window.js';
import { RequestLog } from '../../../src/simulator/request-log.js';

describe('rate window', () => {
  it('admits max requests per sliding window and says when the next one fits', () => {
    const window = createRateWindow(2, 1000);
    for (const at of [0, 400]) {
      expect(decideRate(window, at)).toEqual({ allowed: true });
      recordRate(window, at);
    }
    expect(decideRate(window, 500)).toEqual({ allowed: false, retryAfterMs: 500 });
    expect(decideRate(window, 1000)).toEqual({ allowed: true });
    recordRate(window, 1000);
    expect(decideRate(window, 1100)).toEqual({ allowed: false, retryAfterMs: 300 });
    expect(retryAfterSeconds(300)).toBe(1);
    expect(retryAfterSeconds(2001)).toBe(3);
  });
});

describe('jwt', () => {
  const secret = randomBytes(32);
  const claims = { user: 'shop', iat: 1000, exp: 1010, jti: 'j1' };

  it('verifies its own token until exp and rejects other secrets and tampering', () => {
    const token = signJwt(claims, secret);
    expect(verifyJwt(token, secret, 1_009_999)).toEqual({ ok: true, claims });
    expect(verifyJwt(token, secret, 1_010_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyJwt(token, randomBytes(32), 1_000_000)).toEqual({ ok: false, reason: 'bad-signature' });
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, user: 'x' })).toString('base64url');
    expect(verifyJwt(`${header}.${payload}.${signature}`, secret, 1_000_000).ok).toBe(false);
    expect(verifyJwt('a.b', secret, 0)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('fault and script selection', () => {
  it('picks a fault only under the rate, spread over the kinds', () => {
    const config = { rate: 0.3, kinds: ['http500', 'drop'] as const, hangMs: 10 };
    expect(pickFault(config, 0.3, 0)).toBeNull();
    expect(pickFault(config, 0.29, 0.1)).toBe('http500');
    expect(pickFault(config, 0.29, 0.99)).toBe('drop');
    expect(pickFault({ ...config, rate: 0 }, 0, 0)).toBeNull();
  });

  it('turns scripted answers into actions', () => {
    expect(actionOfScript({ delayMs: 5 })).toEqual({ kind: 'normal' });
    expect(actionOfScript({ drop: true, resultCode: 'E1' })).toEqual({ kind: 'drop' });
    expect(actionOfScript({ resultCode: 'E1' })).toMatchObject({ kind: 'result', status: 200 });
    expect(actionOfScript({ retryAfterSeconds: 3 })).toMatchObject({
      kind: 'raw',
      status: 429,
      headers: { 'retry-after': '3' },
    });
  });
});

describe('request log', () => {
  it('keeps the last entries only, with seq growing across clears', () => {
    const log = new RequestLog(3);
    for (let i = 0; i < 5; i++) log.add('/api/urlcert', i, { i }, {});
    expect(log.query().map((entry) => entry.seq)).toEqual([3, 4, 5]);
    expect(log.query({ since: 4 }).map((entry) => entry.seq)).toEqual([5]);
    log.clear();
    expect(log.query()).toEqual([]);
    log.add(
      '/payAuth/token',
      9,
      { pay2_id: 'a', pay2_key: 'secret' },
      { apikey: 'k', token: 't', host: 'h' },
    );
    const [entry] = log.query();
    expect(entry).toMatchObject({ seq: 6, body: { pay2_id: 'a', pay2_key: '***' } });
    expect(entry?.headers).toEqual({ apikey: '***', token: '***', host: 'h' });
  });
});
