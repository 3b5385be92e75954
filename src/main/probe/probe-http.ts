import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { redactSecretsInText } from '../../shared/secrets.js';

/** One request of the probe: header names leave exactly as written here (Node keeps the case it is given). */
export interface ProbeRequest {
  path: string;
  headers: Readonly<Record<string, string>>;
  body: Readonly<Record<string, unknown>>;
}

/** What came back, before any reading: the status, the content type and the body's text; or why nothing did. */
export type RawProbeAnswer =
  | { kind: 'answered'; httpStatus: number; contentType: string | undefined; text: string }
  | { kind: 'failed'; reason: string };

export interface ProbeHttp {
  post: (request: ProbeRequest) => Promise<RawProbeAnswer>;
}

export interface ProbeHttpOptions {
  baseUrl: string;
  connectTimeoutMs: number;
  timeoutMs: number;
}

/** Answers are a few hundred bytes; a body beyond this is cut (and then reads as not JSON). */
const maxBodyBytes = 1_048_576;

/**
 * The probe's own HTTP client: `node:http` / `node:https` with the header names as given (the probe sends both the
 * manual's spelling, as the worker does, and the lower case, to compare them), a connect timeout and a total one, no retry, no redirect, no
 * keep-alive. A failure's reason never holds a header value (Node's errors name none; it is scrubbed anyway).
 */
export const createProbeHttp = (options: ProbeHttpOptions): ProbeHttp => {
  const base = new URL(options.baseUrl);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  const prefix = base.pathname.replace(/\/+$/, '');

  return {
    post: (request) =>
      new Promise((resolve) => {
        const body = Buffer.from(JSON.stringify(request.body), 'utf8');
        let settled = false;
        const finish = (answer: RawProbeAnswer) => {
          if (settled) return;
          settled = true;
          clearTimeout(total);
          resolve(answer);
        };
        const fail = (reason: string) => finish({ kind: 'failed', reason: redactSecretsInText(reason) });
        let outgoing: ClientRequest | undefined;
        const total = setTimeout(() => {
          fail(`no answer within ${options.timeoutMs} ms`);
          outgoing?.destroy();
        }, options.timeoutMs);
        outgoing = send(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port || undefined,
            method: 'POST',
            path: `${prefix}${request.path}`,
            headers: {
              'Content-Type': 'application/json; charset=utf-8',
              'Content-Length': String(body.length),
              ...request.headers,
            },
            agent: false,
          },
          (response: IncomingMessage) => {
            const chunks: Buffer[] = [];
            let size = 0;
            response.on('data', (chunk: Buffer) => {
              if (size < maxBodyBytes) chunks.push(chunk);
              size += chunk.length;
            });
            response.on('error', (error) => fail(error.message));
            response.on('end', () =>
              finish({
                kind: 'answered',
                httpStatus: response.statusCode ?? 0,
                contentType: response.headers['content-type'],
                text: Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8'),
              }),
            );
          },
        );
        outgoing.on('socket', (socket) => {
          if (!socket.connecting) return;
          const connect = setTimeout(() => {
            fail(`no connection within ${options.connectTimeoutMs} ms`);
            outgoing?.destroy();
          }, options.connectTimeoutMs);
          socket.once('connect', () => clearTimeout(connect));
          socket.once('close', () => clearTimeout(connect));
        });
        outgoing.on('error', (error: NodeJS.ErrnoException) =>
          fail(error.code ? `${error.code} (${error.message})` : error.message),
        );
        outgoing.end(body);
      }),
  };
};
