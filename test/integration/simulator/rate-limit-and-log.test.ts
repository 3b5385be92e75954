import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/start-simulator.js';
import { sleep } from '../../helpers/wait.js';
import { API_ID, API_KEY, createLink, getToken, post, startTestSimulator } from './http.js';

describe('simulator rate limit, latency and request log', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers 429 with Retry-After beyond max requests per sliding window, then recovers', async () => {
    const token = await getToken(sim);
    await sim.control.setRateLimit({ max: 3, durationMs: 1500 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const answer = await post(sim.url, '/api/paycert', { tid: 'X' }, { TOKEN: token });
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(2);
    await sleep(1600);
    expect((await post(sim.url, '/api/paycert', { tid: 'X' }, { TOKEN: token })).status).toBe(200);
    const limited = await sim.control.requests({ endpoint: '/api/paycert' });
    expect(limited.filter((entry) => entry.status === 429 && entry.outcome === 'rate-limited')).toHaveLength(
      2,
    );
    await sim.control.setRateLimit(null);
    for (let i = 0; i < 5; i++) {
      expect((await post(sim.url, '/api/paycert', { tid: 'X' }, { TOKEN: token })).status).toBe(200);
    }
  });

  it('adds the global latency to every API answer', async () => {
    await sim.control.setLatency(200);
    const started = Date.now();
    await post(sim.url, '/payAuth/token', { pay2_id: API_ID, pay2_key: API_KEY });
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    await sim.control.setLatency(0);
  });

  it('logs every API request in order with secrets masked', async () => {
    await sim.control.resetRequests();
    const before = Date.now();
    const token = await getToken(sim);
    await createLink(sim);
    await sim.control.script('/api/urlcert', [{ drop: true }]);
    await expect(post(sim.url, '/api/urlcert', { URLKEY: 'x' }, { TOKEN: token })).rejects.toThrow();

    const entries = await sim.control.requests();
    expect(entries.map((entry) => entry.endpoint)).toEqual([
      '/payAuth/token',
      '/urlpay/request',
      '/api/urlcert',
    ]);
    const [tokenCall, linkCall, dropped] = entries;
    expect(tokenCall?.body).toEqual({ pay2_id: API_ID, pay2_key: '***' });
    expect(tokenCall?.status).toBe(200);
    expect(tokenCall?.resultCode).toBe('0000');
    expect(tokenCall?.at).toBeGreaterThanOrEqual(before);
    expect(linkCall?.headers.apikey).toBe('***');
    expect(dropped?.headers.token).toBe('***');
    expect(dropped).toMatchObject({ outcome: 'scripted', detail: 'drop', status: null });
    const serialized = JSON.stringify(entries);
    expect(serialized).not.toContain(API_KEY);
    expect(serialized).not.toContain(token);
    expect((tokenCall?.seq ?? 0) < (linkCall?.seq ?? 0)).toBe(true);

    const since = await sim.control.requests({ since: tokenCall?.seq ?? 0 });
    expect(since.map((entry) => entry.seq)).toEqual([linkCall?.seq, dropped?.seq]);
    const onlyCert = await sim.control.requests({ endpoint: '/api/urlcert' });
    expect(onlyCert).toHaveLength(1);

    await sim.control.resetRequests();
    expect(await sim.control.requests()).toEqual([]);
    await post(sim.url, '/api/paycert', { tid: 'X' }, { TOKEN: token });
    const after = await sim.control.requests();
    expect(after).toHaveLength(1);
    expect(after[0]?.seq).toBeGreaterThan(dropped?.seq ?? 0);
  });

  it('does not log control calls', async () => {
    await sim.control.resetRequests();
    await sim.control.payments();
    await sim.control.setLatency(0);
    expect(await sim.control.requests()).toEqual([]);
  });
});
