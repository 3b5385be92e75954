import type { IncomingHttpHeaders } from 'node:http';
import { isSecretName, redactSecrets } from '../shared/secrets.js';
import { UnparsedBody } from './manual/check-request.js';
import type { Violation } from './manual/request-table.js';

export type RequestOutcome =
  | 'pending'
  | 'answered'
  | 'rate-limited'
  | 'scripted'
  | 'fault'
  | 'dropped'
  | 'bad-request'
  | 'refused';

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
  /** The header names exactly as sent (the `headers` above are Node's lower-cased ones), in order. */
  headerNames: string[];
  /** How the request broke the manual's table of its endpoint; empty when it did not (then it was not refused). */
  violations: Violation[];
}

/** A request that broke the manual, for `GET /__sim/violations`. */
export interface ViolationRecord {
  seq: number;
  endpoint: string;
  at: number;
  violations: Violation[];
}

/** What the log keeps of a request beyond its body and headers. */
export interface RequestLogExtra {
  rawHeaders?: readonly string[] | undefined;
  violations?: Violation[] | undefined;
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

/**
 * The body with every secret-named field (pay2_key, ApiKey, TOKEN, …) masked, at any depth; unchanged without one.
 * A body that is not JSON is kept as its size only (its text may hold a secret).
 */
export const maskBody = (body: unknown): unknown =>
  body instanceof UnparsedBody ? `(not JSON, ${body.bytes} bytes)` : redactSecrets(body, { censor: MASK });

const namesOf = (rawHeaders: readonly string[]): string[] => rawHeaders.filter((_, index) => index % 2 === 0);

/** How many requests that broke the manual the log keeps (they are few: each one fails a test). */
export const VIOLATION_RECORDS_CAPACITY = 10_000;

/** A bounded, append-only log: the last `capacity` entries, seq increasing over the log's whole life. */
export class RequestLog {
  private ring: RequestLogEntry[] = [];
  /** The seq stored at ring index 0 of the current lap. */
  private base = 1;
  private firstSeq = 1;
  private lastSeq = 0;
  private refused: ViolationRecord[] = [];

  constructor(private readonly capacity: number) {}

  add(
    endpoint: string,
    at: number,
    body: unknown,
    headers: IncomingHttpHeaders,
    extra: RequestLogExtra = {},
  ): RequestLogEntry {
    const seq = ++this.lastSeq;
    const violations = extra.violations ?? [];
    const entry: RequestLogEntry = {
      seq,
      endpoint,
      at,
      status: null,
      outcome: 'pending',
      body: maskBody(body),
      headers: maskHeaders(headers),
      headerNames: namesOf(extra.rawHeaders ?? []),
      violations,
    };
    this.ring[(seq - this.base) % this.capacity] = entry;
    if (seq - this.firstSeq >= this.capacity) this.firstSeq = seq - this.capacity + 1;
    if (violations.length > 0) {
      if (this.refused.length >= VIOLATION_RECORDS_CAPACITY) this.refused.shift();
      this.refused.push({ seq, endpoint, at, violations });
    }
    return entry;
  }

  /** The requests that broke the manual, oldest first (the last VIOLATION_RECORDS_CAPACITY of them). */
  violations(filter: RequestLogFilter = {}): ViolationRecord[] {
    return this.refused.filter(
      (record) =>
        record.seq > (filter.since ?? 0) && (!filter.endpoint || record.endpoint === filter.endpoint),
    );
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

  /** Forgets every entry and violation; seq keeps counting so that a `since` taken before stays meaningful. */
  clear(): void {
    this.ring = [];
    this.refused = [];
    this.base = this.lastSeq + 1;
    this.firstSeq = this.base;
  }
}
