import type { IncomingHttpHeaders } from 'node:http';
import { isSecretName, redactSecrets } from '../shared/secrets.js';

export type RequestOutcome =
  | 'pending'
  | 'answered'
  | 'rate-limited'
  | 'scripted'
  | 'fault'
  | 'dropped'
  | 'bad-request';

/** One API request as the simulator received it, secrets masked. */
export interface RequestLogEntry {
  seq: number;
  endpoint: string;
  /** Epoch ms when it was received. */
  at: number;
  /** HTTP status answered; null while pending or when the socket was dropped. */
  status: number | null;
  outcome: RequestOutcome;
  /** The fault or script kind, e.g. `drop`, `html`, `timeout`. */
  detail?: string | undefined;
  /** RESULTCODE / RTN_CD of a CookiePay-shaped answer. */
  resultCode?: string | undefined;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface RequestLogFilter {
  endpoint?: string | undefined;
  /** Only entries with a larger seq. */
  since?: number | undefined;
}

export const MASK = '***';

/** The headers with every secret one (apikey, token, authorization, cookie: src/shared/secrets.ts) masked. */
export const maskHeaders = (headers: IncomingHttpHeaders): RequestLogEntry['headers'] => {
  const masked: RequestLogEntry['headers'] = {};
  for (const name in headers) masked[name] = isSecretName(name) ? MASK : headers[name];
  return masked;
};

/** The body with every secret-named field (pay2_key, ApiKey, TOKEN, …) masked, at any depth; unchanged without one. */
export const maskBody = (body: unknown): unknown => redactSecrets(body, { censor: MASK });

/** A bounded, append-only log: the last `capacity` entries, seq increasing over the log's whole life. */
export class RequestLog {
  private ring: RequestLogEntry[] = [];
  /** The seq stored at ring index 0 of the current lap. */
  private base = 1;
  private firstSeq = 1;
  private lastSeq = 0;

  constructor(private readonly capacity: number) {}

  add(endpoint: string, at: number, body: unknown, headers: IncomingHttpHeaders): RequestLogEntry {
    const seq = ++this.lastSeq;
    const entry: RequestLogEntry = {
      seq,
      endpoint,
      at,
      status: null,
      outcome: 'pending',
      body: maskBody(body),
      headers: maskHeaders(headers),
    };
    this.ring[(seq - this.base) % this.capacity] = entry;
    if (seq - this.firstSeq >= this.capacity) this.firstSeq = seq - this.capacity + 1;
    return entry;
  }

  query(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const result: RequestLogEntry[] = [];
    const from = Math.max(this.firstSeq, (filter.since ?? 0) + 1);
    for (let seq = from; seq <= this.lastSeq; seq++) {
      const entry = this.ring[(seq - this.base) % this.capacity];
      if (entry && entry.seq === seq && (!filter.endpoint || entry.endpoint === filter.endpoint)) {
        result.push(entry);
      }
    }
    return result;
  }

  get latestSeq(): number {
    return this.lastSeq;
  }

  /** Forgets every entry; seq keeps counting so that a `since` taken before stays meaningful. */
  clear(): void {
    this.ring = [];
    this.base = this.lastSeq + 1;
    this.firstSeq = this.base;
  }
}
