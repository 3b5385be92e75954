import { type AnswerAction, htmlAction, invalidJsonAction } from './answers.js';

export const faultKinds = ['http500', 'timeout', 'drop', 'html', 'invalid-json'] as const;
export type FaultKind = (typeof faultKinds)[number];

/** Random failures for chaos tests: each API request fails with probability `rate`, with one of `kinds`. */
export interface FaultConfig {
  rate: number;
  kinds: readonly FaultKind[];
  /** How long a `timeout` fault holds the request before dropping it; longer than the client's timeout. */
  hangMs: number;
}

/**
 * The fault for one request, from two uniform numbers in [0, 1): `roll` decides whether it fails, `pick`
 * which kind. Null when it does not fail.
 */
export const pickFault = (config: FaultConfig, roll: number, pick: number): FaultKind | null => {
  if (config.rate <= 0 || config.kinds.length === 0 || roll >= config.rate) return null;
  return config.kinds[Math.min(config.kinds.length - 1, Math.floor(pick * config.kinds.length))] ?? null;
};

export const actionOfFault = (kind: FaultKind, hangMs: number): AnswerAction => {
  switch (kind) {
    case 'http500':
      return {
        kind: 'raw',
        status: 500,
        contentType: 'text/html; charset=utf-8',
        body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
        headers: {},
      };
    case 'timeout':
      return { kind: 'hang', ms: hangMs };
    case 'drop':
      return { kind: 'drop' };
    case 'html':
      return htmlAction(200);
    case 'invalid-json':
      return invalidJsonAction(200);
  }
};
