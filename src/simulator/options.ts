import type { Logger } from 'pino';
import type { AssumptionsInput } from './assumptions.js';
import type { ViolationRecord } from './request-log.js';

/** How to start a simulator. Nothing is read from the environment: everything comes through here. */
export interface SimulatorOptions {
  /** Port to listen on; 0 (the default) takes a free one. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** The account the simulator accepts: API_ID / pay2_id. */
  apiId: string;
  /** The account's key: ApiKey header / pay2_key. */
  apiKey: string;
  /** Lifetime of a TOKEN; default 3600 (CookiePay's is one hour). */
  tokenTtlSeconds?: number;
  /** Where payment notifications are POSTed; none by default (the attempt is recorded as not delivered). */
  notificationUrl?: string | null;
  /** Base of PAYURL; default the server's own address. */
  publicUrl?: string;
  /** How long a `timeout` fault holds a request before dropping it; default 25 000 ms. */
  hangMs?: number;
  /** Timeout of a notification POST; default 3 000 ms. */
  notifyTimeoutMs?: number;
  /** How many API requests the request log keeps; default 200 000. */
  requestLogCapacity?: number;
  /**
   * What the simulator answers where the manual is silent: a profile name, or switches (over a `profile`); default
   * `manual-literal` (src/simulator/assumptions.ts). `POST /__sim/assumptions` changes them at run time; reset
   * comes back to these.
   */
  assumptions?: AssumptionsInput;
  /** Called for every request that breaks the manual (the test harness fails the tests on one). */
  onViolation?: (record: ViolationRecord) => void;
  logger?: Logger;
}

export const simulatorDefaults = {
  port: 0,
  host: '127.0.0.1',
  tokenTtlSeconds: 3600,
  hangMs: 25_000,
  notifyTimeoutMs: 3_000,
  requestLogCapacity: 200_000,
} as const;
