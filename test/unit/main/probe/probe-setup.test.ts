import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeEnvSchema } from '../../../../src/config/env.js';
import { loadConfig } from '../../../../src/config/load-config.js';
import { checkIds, probeChecks, profileSwitches } from '../../../../src/main/probe/probe-checks.js';
import { kstDate, madeUpToken } from '../../../../src/main/probe/probe-cookiepay.js';
import { liveUrl, resolveProbeTarget, sandboxUrl } from '../../../../src/main/probe/probe-target.js';
import { jwtLifetime } from '../../../../src/main/probe/probe-verdicts.js';
import { runProbe } from '../../../../src/main/run-probe.js';
import {
  assumptionProfileNames,
  assumptionProfiles,
  assumptionsInputSchema,
} from '../../../../src/simulator/assumptions.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');

describe("the probe's own copy of the simulator's profiles", () => {
  it('names every alternative profile with the switches the simulator gives it', () => {
    const { 'manual-literal': literal, ...alternatives } = assumptionProfiles;
    expect(literal).toEqual({});
    expect(profileSwitches).toEqual(alternatives);
    for (const switches of Object.values(profileSwitches)) {
      expect(assumptionsInputSchema.safeParse(switches).success).toBe(true);
    }
  });

  it('lists every profile under the check it tests, and only profiles that exist', () => {
    const named = checkIds.flatMap((id) => probeChecks[id].profiles);
    expect([...new Set(named)].sort()).toEqual([...assumptionProfileNames].sort());
  });

  it('docs/cookiepay-assumptions.md has a row for every check, with its profiles', async () => {
    const doc = await readFile(join(root, 'docs', 'cookiepay-assumptions.md'), 'utf8');
    for (const id of checkIds) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row, id).toBeDefined();
      for (const profile of probeChecks[id].profiles)
        expect(row, `${id}: ${profile}`).toContain(`\`${profile}\``);
    }
  });
});

describe('resolveProbeTarget', () => {
  it('probes the sandbox by default, live only with --live, any other URL as given', () => {
    const config = loadConfig(probeEnvSchema, { COOKIEPAY_API_ID: 'shop', COOKIEPAY_API_KEY: 'key' });
    expect(config.COOKIEPAY_BASE_URL).toBe(sandboxUrl);
    expect(resolveProbeTarget(sandboxUrl, false)).toEqual({ baseUrl: sandboxUrl, mode: 'sandbox' });
    expect(resolveProbeTarget(sandboxUrl, true)).toEqual({ baseUrl: liveUrl, mode: 'live' });
    expect(resolveProbeTarget('http://127.0.0.1:8787/', false)).toEqual({
      baseUrl: 'http://127.0.0.1:8787',
      mode: 'other',
    });
  });

  it('refuses a COOKIEPAY_BASE_URL naming live CookiePay without --live', () => {
    expect(() => resolveProbeTarget('https://www.cookiepayments.com', false)).toThrow(/only with --live/);
    expect(() => resolveProbeTarget('https://cookiepayments.com/', false)).toThrow(/only with --live/);
  });
});

describe('runProbe refuses before sending anything', () => {
  const env = { COOKIEPAY_API_ID: 'shop', COOKIEPAY_API_KEY: 'key' };
  const http = {
    post: () => {
      throw new Error('nothing may be sent');
    },
  };
  const refuse = (command: Parameters<typeof runProbe>[1], environment: Record<string, string> = env) =>
    runProbe(environment, command, { http });

  it('--paid-tid with --live, a bad --amount, a live URL without --live, missing credentials', async () => {
    const write = () => {};
    await expect(refuse({ live: true, 'paid-tid': 'T1', write })).rejects.toThrow(
      '--paid-tid registers a test delivery on that payment: never with --live',
    );
    await expect(refuse({ amount: '0', write })).rejects.toThrow('--amount must be a whole number of won');
    await expect(refuse({ amount: '12,000', write })).rejects.toThrow('--amount');
    await expect(
      refuse({ write }, { ...env, COOKIEPAY_BASE_URL: 'https://www.cookiepayments.com' }),
    ).rejects.toThrow('only with --live');
    await expect(refuse({ write }, {})).rejects.toThrow(/COOKIEPAY_API_ID is required/);
  });
});

describe('what the probe sends', () => {
  it('a made-up TOKEN of the JWT shape, and dates in Korean time', () => {
    const token = madeUpToken(Date.UTC(2025, 0, 1), (length) => 'A'.repeat(length));
    expect(token.split('.')).toHaveLength(3);
    expect(jwtLifetime(token)).toEqual({ iat: 1_735_689_600, exp: 1_735_693_200 });
    expect(kstDate(Date.UTC(2025, 0, 1, 14, 59))).toBe('20250101');
    expect(kstDate(Date.UTC(2025, 0, 1, 15, 0))).toBe('20250102');
  });
});
