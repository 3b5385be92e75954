import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findChromium } from '../helpers/find-chromium.js';
import { boardUser, createHttpHarness, type HttpHarness } from '../helpers/http-harness.js';

describe('e2e: Bull Board in a real browser', () => {
  let h: HttpHarness;
  let context: BrowserContext;
  let url: string;
  const profile = mkdtempSync(join(tmpdir(), 'cookiepay-e2e-'));

  beforeAll(async () => {
    const chromiumPath = findChromium();
    h = await createHttpHarness(inject('redisUrl'));
    await h.startWorker();
    // A job the worker fails at once: invalid urlpay data → INVALID_PAYLOAD.
    await h
      .queue('cookiepay-urlpay')
      .add('link', { PRODUCTNAME: 'e2e', AMOUNT: 0 }, { jobId: 'e2e-invalid-1' });
    await h.waitForResults(1);
    const app = await h.app();
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    // Playwright takes the fresh profile directory as userDataDir (it refuses a --user-data-dir argument).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      httpCredentials: { ...boardUser },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await h?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('logs in with basic auth, lists the queues and shows the failed job with its error', async () => {
    expect((await fetch(`${url}/board`)).status).toBe(401);
    const page = await context.newPage();
    // The CSP (helmet) lets the board run, and the board asks for nothing beyond this server (no CDN fonts).
    const blocked: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(url) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    const response = await page.goto(`${url}/board`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(response?.status()).toBe(200);
    for (const name of [
      'cookiepay-urlpay',
      'cookiepay-delivery',
      'cookiepay-status',
      'cookiepay-cancel',
      'cookiepay-results',
      'cookiepay-notifications',
      'cookiepay-reconcile',
    ])
      await page.getByText(name, { exact: true }).first().waitFor({ timeout: 15_000 });

    await page.goto(`${url}/board/queue/cookiepay-urlpay?status=failed`);
    await page.getByText('e2e-invalid-1').first().waitFor({ timeout: 15_000 });
    await page
      .getByText(/Invalid urlpay job data/)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(blocked).toEqual([]);
    expect(foreign).toEqual([]);
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/board-failed-job.png', fullPage: true });
    expect(existsSync('test-output/board-failed-job.png')).toBe(true);
  }, 60_000);
});
