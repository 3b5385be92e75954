import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { basicAuth, boardUser, createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';

const good = basicAuth(boardUser.username, boardUser.password);

describe('http: security headers, a board that leaks nothing, results only from the worker', () => {
  let h: HttpHarness;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
  });
  afterAll(async () => h.close());

  it('sends the security headers on every answer: 200, 401, 404, 503, the board page and its API', async () => {
    const app = await h.app();
    const closed = await h.app({ boardUsername: undefined, boardPassword: undefined });
    const answers = [
      await app.inject({ url: '/healthz' }),
      await app.inject({ url: '/metrics' }),
      await app.inject({ url: '/board' }),
      await app.inject({ url: '/board', headers: { authorization: good } }),
      await app.inject({ url: '/board/api/queues', headers: { authorization: good } }),
      await app.inject({ url: '/nowhere' }),
      await closed.inject({ url: '/board' }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 401, 200, 200, 404, 503]);
    for (const answer of answers) {
      expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
    }
  });

  it('answers 401 with a body that says 401 (not INTERNAL_SERVER_ERROR), on the board and its API', async () => {
    const app = await h.app();
    for (const url of ['/board', '/board/api/queues', '/batches/b1']) {
      const response = await app.inject({ url, headers: { authorization: basicAuth('ops', 'wrong') } });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic realm="cookiepay-worker"/);
      expect(response.json()).toEqual({ error: 'UNAUTHORIZED', message: expect.any(String) });
    }
  });

  it('serves the board page without any CDN (fonts included): only its own assets', async () => {
    const app = await h.app();
    const page = await app.inject({ url: '/board', headers: { authorization: good } });
    expect(page.body).not.toMatch(/googleapis|gstatic/);
    const external = [...page.body.matchAll(/(?:src|href)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(external).toEqual([]);
  });

  it('shows a failed job without its stack trace (no source paths), its reason kept', async () => {
    await h.startWorker();
    await h.queue('cookiepay-urlpay').add('link', { PRODUCTNAME: 'x' }, { jobId: 'stack-1' });
    await h.waitForResults(1);
    const job = await h.queues.urlpay.getJob('stack-1');
    // There is a stack to hide.
    expect((job?.stacktrace ?? []).join('\n')).toMatch(/\.[jt]s:\d+/);
    const app = await h.app();
    const response = await app.inject({
      url: '/board/api/queues?activeQueue=cookiepay-urlpay&status=failed&page=1&jobsPerPage=10',
      headers: { authorization: good },
    });
    expect(response.statusCode).toBe(200);
    const jobs = (
      response.json().queues as {
        name: string;
        jobs: { id: string; stacktrace: string[]; failedReason: string }[];
      }[]
    ).find((q) => q.name === 'cookiepay-urlpay')?.jobs;
    const shown = jobs?.find((j) => j.id === 'stack-1');
    expect(shown?.failedReason).toMatch(/Invalid urlpay job data/);
    expect(shown?.stacktrace).toEqual([]);
    expect(response.body).not.toMatch(/\/src\/|node_modules|\.ts:\d+/);
    const detail = await app.inject({
      url: '/board/api/queues/cookiepay-urlpay/stack-1',
      headers: { authorization: good },
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toMatch(/\/src\/|node_modules|\.ts:\d+/);
  });

  it('refuses to add or edit a job on cookiepay-results from a writable board (results come from the worker only)', async () => {
    const app = await h.app();
    const forged = await app.inject({
      method: 'POST',
      url: '/board/api/queues/cookiepay-results/add',
      headers: { authorization: good },
      payload: { name: 'notification', data: { kind: 'notification', ok: true, verified: true } },
    });
    expect(forged.statusCode).toBe(405);
    const waiting = await h.queues.results.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(waiting.filter((j) => (j.data as { verified?: boolean }).verified === true)).toEqual([]);
    // Other queues stay writable when the board is.
    const added = await app.inject({
      method: 'POST',
      url: '/board/api/queues/cookiepay-status/add',
      headers: { authorization: good },
      payload: { name: 'check', data: { URLKEY: 'board-added' } },
    });
    expect(added.statusCode).toBeLessThan(300);
  });
});
