import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/start-simulator.js';
import { sleep } from '../../helpers/wait.js';
import { createLink, getToken, post, startTestSimulator } from './http.js';

describe('simulator scripted answers and faults', () => {
  let sim: RunningSimulator;
  let token: string;
  let urlKey: string;
  const urlcert = () => post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token });

  beforeAll(async () => {
    sim = await startTestSimulator();
    token = await getToken(sim);
    urlKey = (await createLink(sim)).urlKey;
  });
  beforeEach(async () => {
    await sim.control.clearScript();
    await sim.control.setFaults({ rate: 0 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers scripted result codes in order, one per request, then normally', async () => {
    await sim.control.script('/api/urlcert', [
      { resultCode: 'E999', resultMessage: '일시 오류' },
      { resultCode: 'E005', resultMessage: 'TOKEN 만료' },
    ]);
    expect((await urlcert()).json).toEqual({ RESULTCODE: 'E999', RESULTMSG: '일시 오류' });
    expect((await urlcert()).json).toEqual({ RESULTCODE: 'E005', RESULTMSG: 'TOKEN 만료' });
    expect((await urlcert()).json?.RESULTCODE).toBe('EA01');
  });

  it('uses RTN_CD/RTN_MSG for a scripted token answer', async () => {
    await sim.control.script('/payAuth/token', [{ resultCode: 'E003', resultMessage: 'ID & KEY 불일치' }]);
    const answer = await post(sim.url, '/payAuth/token', { pay2_id: 'a', pay2_key: 'b' });
    expect(answer.json).toEqual({ RTN_CD: 'E003', RTN_MSG: 'ID & KEY 불일치' });
  });

  it('answers a scripted HTTP status with an optional body', async () => {
    await sim.control.script('/api/urlcert', [
      { httpStatus: 503 },
      { httpStatus: 401, body: { error: 'no' } },
    ]);
    const first = await urlcert();
    expect(first.status).toBe(503);
    const second = await urlcert();
    expect(second.status).toBe(401);
    expect(second.json).toEqual({ error: 'no' });
  });

  it('delays an answer, alone or before a scripted one', async () => {
    await sim.control.script('/api/urlcert', [{ delayMs: 300 }, { delayMs: 200, resultCode: 'E777' }]);
    let started = Date.now();
    expect((await urlcert()).json?.RESULTCODE).toBe('EA01');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    expect((await urlcert()).json?.RESULTCODE).toBe('E777');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('drops the connection without answering', async () => {
    await sim.control.script('/api/urlcert', [{ drop: true }]);
    await expect(urlcert()).rejects.toThrow();
    expect((await urlcert()).json?.RESULTCODE).toBe('EA01');
  });

  it('answers an HTML error page, 200 or the given status', async () => {
    await sim.control.script('/api/urlcert', [{ body: 'html' }, { body: 'html', httpStatus: 502 }]);
    const page = await urlcert();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<html>');
    expect(page.json).toBeUndefined();
    expect((await urlcert()).status).toBe(502);
  });

  it('answers broken JSON', async () => {
    await sim.control.script('/api/urlcert', [{ body: 'invalid-json' }]);
    const answer = await urlcert();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('answers 429 with Retry-After when scripted', async () => {
    await sim.control.script('/api/urlcert', [{ retryAfterSeconds: 7 }]);
    const answer = await urlcert();
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
  });

  it('scripts only the endpoint named; DELETE clears every script', async () => {
    await sim.control.script('/api/paycert', [{ resultCode: 'E111' }]);
    expect((await urlcert()).json?.RESULTCODE).toBe('EA01');
    await sim.control.clearScript();
    const paycert = await post(sim.url, '/api/paycert', { tid: 'X' }, { TOKEN: token });
    expect(paycert.json?.RESULTCODE).toBe('E006');
  });

  it('rejects a script for an unknown endpoint', async () => {
    const answer = await post(sim.url, '/__sim/script', { endpoint: '/nope', answers: [{ drop: true }] });
    expect(answer.status).toBe(400);
  });

  it('injects each random fault kind at rate 1', async () => {
    await sim.control.setFaults({ rate: 1, kinds: ['http500'] });
    expect((await urlcert()).status).toBe(500);
    await sim.control.setFaults({ rate: 1, kinds: ['html'] });
    expect((await urlcert()).headers.get('content-type')).toContain('text/html');
    await sim.control.setFaults({ rate: 1, kinds: ['invalid-json'] });
    expect((await urlcert()).json).toBeUndefined();
    await sim.control.setFaults({ rate: 1, kinds: ['drop'] });
    await expect(urlcert()).rejects.toThrow();
    await sim.control.setFaults({ rate: 1, kinds: ['timeout'], hangMs: 60_000 });
    const started = Date.now();
    await expect(
      fetch(`${sim.url}/api/urlcert`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', TOKEN: token },
        body: JSON.stringify({ URLKEY: urlKey }),
        signal: AbortSignal.timeout(400),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    await sim.control.setFaults({ rate: 0 });
    expect((await urlcert()).json?.RESULTCODE).toBe('EA01');
    const faults = (await sim.control.requests({ endpoint: '/api/urlcert' })).filter(
      (r) => r.outcome === 'fault',
    );
    expect(faults.map((r) => r.detail)).toEqual(['http500', 'html', 'invalid-json', 'drop', 'timeout']);
  });

  it('fails about the given share of requests at a rate below 1', async () => {
    await sim.control.setFaults({ rate: 0.5, kinds: ['http500'] });
    let failed = 0;
    for (let i = 0; i < 200; i++) if ((await urlcert()).status === 500) failed++;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
  });

  it('releases hanging requests when closed', async () => {
    const other = await startTestSimulator();
    await other.control.setFaults({ rate: 1, kinds: ['timeout'], hangMs: 60_000 });
    const hanging = post(other.url, '/payAuth/token', { pay2_id: 'a', pay2_key: 'b' }).then(
      () => 'answered',
      () => 'dropped',
    );
    await sleep(100);
    const started = Date.now();
    await other.close();
    expect(await hanging).toBe('dropped');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
