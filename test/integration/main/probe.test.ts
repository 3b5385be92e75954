import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckId } from '../../../src/main/probe/probe-checks.js';
import type { Verdict } from '../../../src/main/probe/probe-verdicts.js';
import { runProbe } from '../../../src/main/run-probe.js';
import {
  type AssumptionProfile,
  type Assumptions,
  assumptionProfileNames,
} from '../../../src/simulator/assumptions.js';
import type { ViolationRecord } from '../../../src/simulator/request-log.js';
import { type RunningSimulator, startSimulator } from '../../../src/simulator/start-simulator.js';
import { spawnCli, type WorkerProcess } from '../../helpers/worker-process.js';

const account = { apiId: 'probe-shop', apiKey: 'probe-secret-key-0123456789' } as const;
const env = (url: string, apiKey: string = account.apiKey) => ({
  COOKIEPAY_BASE_URL: url,
  COOKIEPAY_API_ID: account.apiId,
  COOKIEPAY_API_KEY: apiKey,
});

/** What each check should find under these assumptions: every switch off its default shows on one check. */
const expectedVerdicts = (assumptions: Assumptions): Record<CheckId, Verdict> => ({
  'token-issue': 'as assumed',
  'token-rejection': assumptions.tokenRejection === 'token-message' ? 'as assumed' : 'differs',
  'header-case': assumptions.strictHeaderCase ? 'as assumed' : 'differs',
  'bill-no': assumptions.billNoUnknown === 'refused' ? 'differs' : 'as assumed',
  'urlpay-answer': 'as assumed',
  'urlcert-unpaid': 'as assumed',
  'paycert-unknown-tid': 'as assumed',
  'duplicate-delivery': assumptions.duplicateDelivery === 'error' ? 'differs' : 'as assumed',
  'virtual-account': assumptions.virtualAccount === 'deposit-later' ? 'differs' : 'as assumed',
  'notification-encoding': 'could not check',
});

/** The SIMULATOR_ASSUMPTIONS switches the probe should name: the ones it can see that are off their defaults. */
const expectedSwitches = (assumptions: Assumptions): Record<string, string | boolean> => ({
  ...(assumptions.tokenRejection === 'token-message' ? {} : { tokenRejection: assumptions.tokenRejection }),
  ...(assumptions.strictHeaderCase ? {} : { strictHeaderCase: false }),
  ...(assumptions.billNoUnknown === 'refused' ? { billNoUnknown: 'refused' } : {}),
  ...(assumptions.duplicateDelivery === 'error' ? { duplicateDelivery: 'error' } : {}),
  ...(assumptions.virtualAccount === 'deposit-later' ? { virtualAccount: 'deposit-later' } : {}),
});

/** A payment link made directly on the simulator (not by the probe), paid by card or by virtual account. */
const paidPayment = async (sim: RunningSimulator, PAYMETHOD: 'CARD' | 'VACCT'): Promise<string> => {
  const response = await fetch(`${sim.url}/urlpay/request`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ApiKey: account.apiKey },
    body: JSON.stringify({
      API_ID: account.apiId,
      PRODUCTNAME: '쿠키 선물세트',
      AMOUNT: '15000',
      BUYERNAME: '홍길동',
      BUYERHP: '01012345678',
    }),
  });
  const { URLKEY } = (await response.json()) as { URLKEY: string };
  const { payment } = await sim.control.pay({ URLKEY, PAYMETHOD });
  return payment.TID;
};

/** Waits for the process to exit and for its standard output to be read to the end. */
const finished = async (cli: WorkerProcess) => {
  const ended = await cli.exited;
  const stdout = cli.child.stdout;
  if (stdout && !stdout.readableEnded) await once(stdout, 'end');
  return ended;
};

describe('cookiepay-worker probe against the simulator', () => {
  let sim: RunningSimulator;
  const violations: ViolationRecord[] = [];
  const issued: string[] = [];

  beforeAll(async () => {
    sim = await startSimulator({
      ...account,
      port: 0,
      onViolation: (record) => violations.push(record),
    });
    // Every token the simulator issues, to check that none reaches the output.
    const issue = sim.context.tokens.issue;
    sim.context.tokens.issue = (apiId, nowMs) => {
      const token = issue(apiId, nowMs);
      issued.push(token);
      return token;
    };
  });
  afterEach(() => {
    violations.length = 0;
  });
  afterAll(async () => {
    await sim.close();
  });

  it.each(assumptionProfileNames)('prints the assumption table under %s and exits 0', async (profile) => {
    await sim.control.reset();
    const assumptions = await sim.control.setAssumptions(profile as AssumptionProfile);
    const paidTid = await paidPayment(sim, 'CARD');
    const vacctTid = await paidPayment(sim, 'VACCT');
    const since = Math.max(0, ...(await sim.control.requests()).map((entry) => entry.seq));
    const lines: string[] = [];

    const { exitCode, report } = await runProbe(env(sim.url), {
      'paid-tid': paidTid,
      'vacct-tid': vacctTid,
      write: (line) => lines.push(line),
    });
    const output = lines.join('\n');

    expect(exitCode).toBe(0);
    expect(report.complete).toBe(true);
    expect(output).toContain(`cookiepay-worker probe of ${sim.url}`);
    expect(output).toContain('Assumption table:');
    const verdicts = Object.fromEntries(report.findings.map((finding) => [finding.id, finding.verdict]));
    expect(verdicts).toEqual(expectedVerdicts(assumptions));
    for (const finding of report.findings) {
      expect(output).toMatch(new RegExp(`^  ${finding.id} +${finding.verdict}`, 'm'));
    }
    expect(report.simulatorAssumptions).toEqual(expectedSwitches(assumptions));
    // A difference names the profile that answers so, and what to change.
    for (const finding of report.findings.filter(({ verdict }) => verdict === 'differs')) {
      expect(finding.profile).toBeDefined();
      expect(finding.action).toBeDefined();
      expect(output).toContain(`Differs: ${finding.id}: ${finding.action}`);
    }
    if (profile === 'token-rtn-cd') {
      const token = report.findings.find((finding) => finding.id === 'token-rejection');
      expect(token?.profile).toBe('token-rtn-cd');
      expect(token?.observed).toContain('RTN_CD');
    }

    // Neither the key nor any token the simulator issued is printed.
    expect(issued.length).toBeGreaterThan(0);
    for (const secret of [account.apiKey, ...issued]) expect(output).not.toContain(secret);

    // Nothing sent to buyers, the smallest amount, the five endpoints only, one token.
    const requests = await sim.control.requests({ since });
    const endpoints = new Set(requests.map((entry) => entry.endpoint));
    expect([...endpoints].sort()).toEqual(
      ['/api/paycert', '/api/urlcert', '/escro/delivery_add', '/payAuth/token', '/urlpay/request'].sort(),
    );
    const links = requests.filter((entry) => entry.endpoint === '/urlpay/request');
    expect(links.length).toBeGreaterThanOrEqual(3);
    expect(links.length).toBeLessThanOrEqual(4);
    for (const link of links) expect(link.body).toMatchObject({ REQ_TYPE: '', AMOUNT: '100' });
    expect(requests.filter((entry) => entry.endpoint === '/payAuth/token')).toHaveLength(1);
    // Exactly the manual's header names, and their lower-case twins once each.
    const names = requests.flatMap((entry) => entry.headerNames);
    for (const name of ['ApiKey', 'apikey', 'TOKEN', 'token']) expect(names).toContain(name);
    expect(names.filter((name) => name === 'apikey')).toHaveLength(1);
    expect(names.filter((name) => name === 'token')).toHaveLength(1);

    // It breaks the manual only on purpose: the lower-case header names, when the case is compared.
    const broken = violations.flatMap((record) => record.violations);
    if (assumptions.strictHeaderCase) {
      expect(
        broken.map((violation) => ('header' in violation ? violation.header : violation.field)).sort(),
      ).toEqual(['ApiKey', 'TOKEN']);
    } else {
      expect(broken).toEqual([]);
    }
  });

  it('without --paid-tid and --vacct-tid says how to check those two, and still exits 0', async () => {
    await sim.control.reset();
    const lines: string[] = [];
    const { exitCode, report } = await runProbe(env(sim.url), { write: (line) => lines.push(line) });
    expect(exitCode).toBe(0);
    const byId = new Map(report.findings.map((finding) => [finding.id, finding]));
    expect(byId.get('duplicate-delivery')?.verdict).toBe('could not check');
    expect(byId.get('duplicate-delivery')?.action).toContain('--paid-tid');
    expect(byId.get('virtual-account')?.action).toContain('--vacct-tid');
    const requests = await sim.control.requests();
    expect(requests.some((entry) => entry.endpoint === '/escro/delivery_add')).toBe(false);
  });

  it('as the CLI: --json prints one JSON report and exits 0; a wrong key exits 1 saying what to set', async () => {
    await sim.control.reset();
    await sim.control.setAssumptions('token-rtn-cd');
    const json = await spawnCli(['probe', '--json'], env(sim.url), '"findings"');
    const done = await finished(json);
    expect(done.code).toBe(0);
    const report = JSON.parse(json.output()) as { host: string; findings: { id: string; verdict: string }[] };
    expect(report.host).toBe(new URL(sim.url).host);
    expect(report.findings.find((finding) => finding.id === 'token-rejection')).toMatchObject({
      verdict: 'differs',
      profile: 'token-rtn-cd',
    });
    expect(json.output()).not.toContain(account.apiKey);
    for (const token of issued) expect(json.output()).not.toContain(token);

    const wrongKey = 'not-the-key-of-this-account';
    const wrong = await spawnCli(['probe'], env(sim.url, wrongKey), 'Assumption table:');
    const ended = await finished(wrong);
    expect(ended.code).toBe(1);
    expect(wrong.output()).toContain('COOKIEPAY_API_ID / COOKIEPAY_API_KEY');
    expect(wrong.output()).toContain('could not run every check');
    expect(wrong.output()).not.toContain(wrongKey);
  });
});
