import type { ScriptedAnswer } from './answers.js';
import type { AssumptionProfile, Assumptions, AssumptionsInput } from './assumptions.js';
import type {
  CancelControl,
  DepositControl,
  FaultsControl,
  PayControl,
  SettleControl,
} from './control-schemas.js';
import type { SimulatedEndpoint } from './endpoints.js';
import type { FaultKind } from './faults.js';
import type { RequestLogEntry, RequestLogFilter, ViolationRecord } from './request-log.js';
import type { NotificationAttempt, SimDelivery, SimLink, SimPayment } from './state.js';

export interface PayResult {
  payment: SimPayment;
  /** True when the link had been paid before: the same payment, no new notification. */
  alreadyPaid: boolean;
  notification: NotificationAttempt | null;
}

export interface DepositResult {
  payment: SimPayment;
  /** True when the money had arrived before: nothing changed, no notification. */
  alreadyDeposited: boolean;
  notification: NotificationAttempt | null;
}

export interface CancelResult {
  payment: SimPayment;
  alreadyCancelled: boolean;
  notification: NotificationAttempt | null;
}

export interface SettleResult {
  payment: SimPayment;
  alreadySettled: boolean;
}

export interface PaymentsView {
  links: SimLink[];
  payments: SimPayment[];
  deliveries: SimDelivery[];
}

/** A typed client of a simulator's `/__sim/*` control endpoints (tests, demo, benchmarks). */
export interface SimulatorControl {
  pay: (input: PayControl) => Promise<PayResult>;
  /** The money arrives on an issued virtual account (`virtualAccount: deposit-later`); its Noti is sent. */
  deposit: (input: DepositControl) => Promise<DepositResult>;
  cancel: (input: CancelControl) => Promise<CancelResult>;
  /** The payment is settled to the shop: `/api/cancel` answers 9029 from then on. */
  settle: (input: SettleControl) => Promise<SettleResult>;
  script: (endpoint: SimulatedEndpoint, answers: ScriptedAnswer[]) => Promise<{ queued: number }>;
  clearScript: () => Promise<void>;
  /** At most `max` API requests per sliding `durationMs`; null turns the limit off. */
  setRateLimit: (limit: { max: number; durationMs: number } | null) => Promise<void>;
  setLatency: (ms: number) => Promise<void>;
  setFaults: (faults: FaultsControl & { kinds?: FaultKind[] }) => Promise<void>;
  setNotificationUrl: (url: string | null) => Promise<void>;
  revokeTokens: () => Promise<void>;
  /** A profile name, switches, or `{profile, ...switches}`; switches alone change the current assumptions. */
  setAssumptions: (input: AssumptionsInput) => Promise<Assumptions>;
  assumptions: () => Promise<{ assumptions: Assumptions; profiles: AssumptionProfile[] }>;
  requests: (filter?: RequestLogFilter) => Promise<RequestLogEntry[]>;
  /** The requests that broke the manual since the last reset (or DELETE /__sim/requests). */
  violations: (filter?: RequestLogFilter) => Promise<ViolationRecord[]>;
  resetRequests: () => Promise<void>;
  reset: () => Promise<void>;
  payments: () => Promise<PaymentsView>;
  notifications: () => Promise<NotificationAttempt[]>;
}

export class SimulatorControlError extends Error {
  override readonly name = 'SimulatorControlError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export const createSimulatorControl = (baseUrl: string): SimulatorControl => {
  const base = baseUrl.replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) {
      throw new SimulatorControlError(
        `${method} ${path} answered ${response.status}: ${text}`,
        response.status,
        parsed,
      );
    }
    return parsed as T;
  };

  const query = (filter: RequestLogFilter): string => {
    const params = new URLSearchParams();
    if (filter.endpoint !== undefined) params.set('endpoint', filter.endpoint);
    if (filter.since !== undefined) params.set('since', String(filter.since));
    return params.size > 0 ? `?${params}` : '';
  };

  return {
    pay: (input) => call('POST', '/__sim/pay', input),
    deposit: (input) => call('POST', '/__sim/deposit', input),
    cancel: (input) => call('POST', '/__sim/cancel', input),
    settle: (input) => call('POST', '/__sim/settle', input),
    script: (endpoint, answers) => call('POST', '/__sim/script', { endpoint, answers }),
    clearScript: () => call('DELETE', '/__sim/script'),
    setRateLimit: (limit) => call('POST', '/__sim/rate-limit', limit === null ? { max: null } : limit),
    setLatency: (ms) => call('POST', '/__sim/latency', { ms }),
    setFaults: (faults) => call('POST', '/__sim/faults', faults),
    setNotificationUrl: (url) => call('POST', '/__sim/notification-url', { url }),
    revokeTokens: () => call('POST', '/__sim/revoke-tokens', {}),
    setAssumptions: async (input) => {
      const body = typeof input === 'string' ? { profile: input } : input;
      return (await call<{ assumptions: Assumptions }>('POST', '/__sim/assumptions', body)).assumptions;
    },
    assumptions: () => call('GET', '/__sim/assumptions'),
    requests: async (filter = {}) =>
      (await call<{ requests: RequestLogEntry[] }>('GET', `/__sim/requests${query(filter)}`)).requests,
    violations: async (filter = {}) =>
      (await call<{ violations: ViolationRecord[] }>('GET', `/__sim/violations${query(filter)}`)).violations,
    resetRequests: () => call('DELETE', '/__sim/requests'),
    reset: () => call('POST', '/__sim/reset', {}),
    payments: () => call('GET', '/__sim/payments'),
    notifications: async () =>
      (await call<{ notifications: NotificationAttempt[] }>('GET', '/__sim/notifications')).notifications,
  };
};
