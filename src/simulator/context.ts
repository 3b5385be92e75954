import type { Logger } from 'pino';
import { type Assumptions, resolveAssumptions } from './assumptions.js';
import type { FaultConfig } from './faults.js';
import { type SimulatorOptions, simulatorDefaults } from './options.js';
import type { RateWindow } from './rate-window.js';
import { RequestLog } from './request-log.js';
import { createScriptQueues, type ScriptQueues } from './scripted-answers.js';
import { clearState, createState, type SimulatorState } from './state.js';
import { createTokenRegistry, type TokenRegistry } from './token-registry.js';

/** The settings the control endpoints change at run time. */
export interface SimulatorSettings {
  latencyMs: number;
  rateLimit: RateWindow | null;
  faults: FaultConfig;
  notificationUrl: string | null;
  assumptions: Assumptions;
}

/** Everything one simulator instance holds; passed to every route. */
export interface SimulatorContext {
  apiId: string;
  apiKey: string;
  /** Base of PAYURL; start-simulator fills it in once the port is known, unless given. */
  publicUrl: string;
  notifyTimeoutMs: number;
  state: SimulatorState;
  tokens: TokenRegistry;
  log: RequestLog;
  scripts: ScriptQueues;
  settings: SimulatorSettings;
  /** Aborted on close: every pending delay, latency or hang ends at once. */
  closing: AbortController;
  logger: Logger | undefined;
  onViolation: SimulatorOptions['onViolation'];
  now: () => number;
  random: () => number;
}

const initialSettings = (options: SimulatorOptions): SimulatorSettings => ({
  latencyMs: 0,
  rateLimit: null,
  faults: { rate: 0, kinds: [], hangMs: options.hangMs ?? simulatorDefaults.hangMs },
  notificationUrl: options.notificationUrl ?? null,
  assumptions: resolveAssumptions(options.assumptions),
});

export const createContext = (options: SimulatorOptions): SimulatorContext => ({
  apiId: options.apiId,
  apiKey: options.apiKey,
  publicUrl: options.publicUrl?.replace(/\/+$/, '') ?? '',
  notifyTimeoutMs: options.notifyTimeoutMs ?? simulatorDefaults.notifyTimeoutMs,
  state: createState(),
  tokens: createTokenRegistry(options.tokenTtlSeconds ?? simulatorDefaults.tokenTtlSeconds),
  log: new RequestLog(options.requestLogCapacity ?? simulatorDefaults.requestLogCapacity),
  scripts: createScriptQueues(),
  settings: initialSettings(options),
  closing: new AbortController(),
  logger: options.logger,
  onViolation: options.onViolation,
  now: Date.now,
  random: Math.random,
});

/**
 * Back to a fresh simulator: no links, payments, tokens, log entries, scripts, limits or faults, and the assumptions
 * it started with.
 */
export const resetContext = (context: SimulatorContext, options: SimulatorOptions): void => {
  clearState(context.state);
  context.tokens.revokeAll();
  context.log.clear();
  context.scripts.clear();
  context.settings = initialSettings(options);
};
