import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closedMessage } from '../../../../src/intake/http/auth.js';
import { basicAuth, boardUser, createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';

const good = basicAuth(boardUser.username, boardUser.password);

describe('http: Bull Board behind basic auth', () => {
  let h: HttpHarness;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
  });
  afterAll(async () => h.close());

  it('answers 401 with a challenge without credentials or with wrong ones, 200 with the right ones', async () => {
    const app = await h.app();
    const none = await app.inject({ url: '/board' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic realm="cookiepay-worker"/);
    const wrongPassword = await app.inject({
      url: '/board',
      headers: { authorization: basicAuth(boardUser.username, 'nope') },
    });
    expect(wrongPassword.statusCode).toBe(401);
    const wrongUser = await app.inject({
      url: '/board/api/queues',
      headers: { authorization: basicAuth('root', boardUser.password) },
    });
    expect(wrongUser.statusCode).toBe(401);
    const ok = await app.inject({ url: '/board', headers: { authorization: good } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/html');
  });

  it('lists every queue of the project', async () => {
    const app = await h.app();
    const response = await app.inject({ url: '/board/api/queues', headers: { authorization: good } });
    expect(response.statusCode).toBe(200);
    const names = (response.json().queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual([
      'cookiepay-cancel',
      'cookiepay-delivery',
      'cookiepay-notifications',
      'cookiepay-reconcile',
      'cookiepay-results',
      'cookiepay-status',
      'cookiepay-urlpay',
    ]);
  });

  it('is not served without configured credentials (503 saying what to set), unless BOARD_AUTH=off', async () => {
    const closed = await h.app({ boardUsername: undefined, boardPassword: undefined });
    for (const url of ['/board', '/board/api/queues']) {
      const response = await closed.inject({ url, headers: { authorization: good } });
      expect(response.statusCode).toBe(503);
      expect(response.json().message).toBe(closedMessage);
    }
    const halfConfigured = await h.app({ boardPassword: undefined });
    expect((await halfConfigured.inject({ url: '/board' })).statusCode).toBe(503);
    const open = await h.app({ boardUsername: undefined, boardPassword: undefined, boardAuth: 'off' });
    expect((await open.inject({ url: '/board' })).statusCode).toBe(200);
  });

  it('refuses a retry with 405 in read-only mode, and allows it otherwise', async () => {
    await h.startWorker();
    await h.queue('cookiepay-urlpay').add('link', { PRODUCTNAME: 'x' }, { jobId: 'board-failed-1' });
    const [result] = await h.waitForResults(1);
    expect(result).toMatchObject({ sourceJobId: 'board-failed-1', code: 'INVALID_PAYLOAD' });
    const url = '/board/api/queues/cookiepay-urlpay/board-failed-1/retry';
    const readOnly = await h.app({ boardReadOnly: true });
    const refused = await readOnly.inject({ method: 'PUT', url, headers: { authorization: good } });
    expect(refused.statusCode).toBe(405);
    expect(await (await h.queues.urlpay.getJob('board-failed-1'))?.getState()).toBe('failed');
    const writable = await h.app();
    const retried = await writable.inject({ method: 'PUT', url, headers: { authorization: good } });
    expect(retried.statusCode).toBeLessThan(300);
  });

  it('redacts secret-named fields of job data on the board', async () => {
    await h.queues.status.add(
      'check',
      { URLKEY: 'K1', ApiKey: 'leak-me', nested: { TOKEN: 'jwt' } },
      { jobId: 'sec-1' },
    );
    const app = await h.app();
    const response = await app.inject({
      url: '/board/api/queues?activeQueue=cookiepay-status&status=latest&page=1&jobsPerPage=10',
      headers: { authorization: good },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('leak-me');
    expect(response.body).not.toContain('"jwt"');
    expect(response.body).toContain('[redacted]');
  });

  it('redacts names matched by pattern on the board (access_token, x-api-key, password, secret)', async () => {
    await h.queues.status.add(
      'check',
      {
        URLKEY: 'K2',
        access_token: 'leak-1',
        'x-api-key': 'leak-2',
        password: 'leak-3',
        nested: { secret: 'leak-4', clientSecret: 'leak-5' },
      },
      { jobId: 'sec-2' },
    );
    const app = await h.app();
    const response = await app.inject({
      url: '/board/api/queues?activeQueue=cookiepay-status&status=latest&page=1&jobsPerPage=10',
      headers: { authorization: good },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('K2');
    expect(response.body).not.toMatch(/leak-\d/);
  });
});
