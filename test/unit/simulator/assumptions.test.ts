import { describe, expect, it } from 'vitest';
import {
  assumptionProfileNames,
  manualLiteral,
  parseAssumptionsSetting,
  resolveAssumptions,
} from '../../../src/simulator/assumptions.js';
import { encodeNotification } from '../../../src/simulator/notify.js';

describe('assumption profiles', () => {
  it('default to manual-literal: header names exactly as the manual writes them, the answers the simulator always gave', () => {
    expect(resolveAssumptions(undefined)).toEqual({
      billNoUnknown: 'new-bill',
      duplicateDelivery: 'ok',
      tokenRejection: 'token-message',
      virtualAccount: 'paid-at-once',
      notificationEncoding: 'json',
      strictHeaderCase: true,
    });
    expect(resolveAssumptions('manual-literal')).toEqual(manualLiteral);
  });

  it('change one switch each, and each alternative has a profile', () => {
    for (const name of assumptionProfileNames.filter((n) => n !== 'manual-literal')) {
      const changed = Object.entries(resolveAssumptions(name)).filter(
        ([key, value]) => manualLiteral[key as keyof typeof manualLiteral] !== value,
      );
      expect(changed, name).toHaveLength(1);
    }
    const covered = assumptionProfileNames.map((name) => resolveAssumptions(name));
    for (const value of ['new-bill', 'refused'])
      expect(covered.some((a) => a.billNoUnknown === value)).toBe(true);
    for (const value of ['ok', 'error'])
      expect(covered.some((a) => a.duplicateDelivery === value)).toBe(true);
    for (const value of ['token-message', 'http-401', 'rtn-cd', 'resultcode']) {
      expect(covered.some((a) => a.tokenRejection === value)).toBe(true);
    }
    for (const value of ['paid-at-once', 'deposit-later']) {
      expect(covered.some((a) => a.virtualAccount === value)).toBe(true);
    }
    for (const value of ['json', 'form', 'none']) {
      expect(covered.some((a) => a.notificationEncoding === value)).toBe(true);
    }
  });

  it('apply switches over a profile, or over the current assumptions without one', () => {
    expect(resolveAssumptions({ profile: 'token-rtn-cd', virtualAccount: 'deposit-later' })).toMatchObject({
      tokenRejection: 'rtn-cd',
      virtualAccount: 'deposit-later',
      billNoUnknown: 'new-bill',
    });
    const current = resolveAssumptions('bill-no-refused');
    expect(resolveAssumptions({ duplicateDelivery: 'error' }, current)).toMatchObject({
      billNoUnknown: 'refused',
      duplicateDelivery: 'error',
    });
    expect(resolveAssumptions({ profile: 'manual-literal' }, current)).toEqual(manualLiteral);
  });

  it('read SIMULATOR_ASSUMPTIONS as a profile name or JSON, naming the variable on an error', () => {
    expect(parseAssumptionsSetting('token-http-401')).toEqual({ profile: 'token-http-401' });
    expect(parseAssumptionsSetting(' {"profile":"bill-no-refused","strictHeaderCase":true} ')).toEqual({
      profile: 'bill-no-refused',
      strictHeaderCase: true,
    });
    expect(() => parseAssumptionsSetting('optimistic')).toThrow(
      /^SIMULATOR_ASSUMPTIONS: profile .*manual-literal/,
    );
    expect(() => parseAssumptionsSetting('{"billNoUnknown":"maybe"}')).toThrow(
      /SIMULATOR_ASSUMPTIONS: billNoUnknown/,
    );
    expect(() => parseAssumptionsSetting('{"colour":"red"}')).toThrow(/SIMULATOR_ASSUMPTIONS/);
    expect(() => parseAssumptionsSetting('{broken')).toThrow(/neither a profile name nor a JSON object/);
  });
});

describe('notification encodings', () => {
  it('write JSON, a form, or JSON with no content type', () => {
    const body = { TID: 'T1', BUYERNAME: '홍 길동&' };
    expect(encodeNotification(body, 'json')).toEqual({
      body: '{"TID":"T1","BUYERNAME":"홍 길동&"}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    const form = encodeNotification(body, 'form');
    expect(form.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
    expect(Object.fromEntries(new URLSearchParams(form.body))).toEqual(body);
    expect(encodeNotification(body, 'none')).toEqual({ body: JSON.stringify(body), headers: {} });
  });
});
