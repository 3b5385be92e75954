import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { notificationPath } from '../../../../src/intake/http/notification-route.js';
import { createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';

const limits = {
  requestTimeoutMs: 1_500,
  headersTimeoutMs: 1_000,
  keepAliveTimeoutMs: 500,
  maxConnections: 3,
  maxRequestsPerSocket: 2,
};

/** A raw socket to the server, with everything it received and when it was closed. */
const open = async (port: number) => {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const state = { received: '', closedAt: undefined as number | undefined, socket };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    state.received += chunk;
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    state.closedAt = Date.now();
  });
  return state;
};

const closed = async (state: { socket: Socket; closedAt: number | undefined }, withinMs: number) => {
  const deadline = Date.now() + withinMs;
  while (state.closedAt === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return state.closedAt !== undefined;
};

describe('http: request limits (HTTP_REQUEST_TIMEOUT_MS, HTTP_HEADERS_TIMEOUT_MS, keep-alive, connection caps)', () => {
  let h: HttpHarness;
  let port: number;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
    const app = await h.app({ limits });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => h.close());

  it('cuts off a client that sends its body one byte at a time past the request timeout', async () => {
    const client = await open(port);
    const started = Date.now();
    client.socket.write(
      `POST ${notificationPath} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n`,
    );
    const drip = setInterval(() => client.socket.writable && client.socket.write('a'), 200);
    try {
      expect(await closed(client, 5_000)).toBe(true);
    } finally {
      clearInterval(drip);
    }
    const tookMs = (client.closedAt ?? Date.now()) - started;
    expect(tookMs).toBeGreaterThanOrEqual(limits.requestTimeoutMs - 100);
    expect(tookMs).toBeLessThan(limits.requestTimeoutMs + 2_000);
    expect(client.received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a client that never finishes its headers past the headers timeout', async () => {
    const client = await open(port);
    const started = Date.now();
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => client.socket.writable && client.socket.write('X-A: b\r\n'), 200);
    try {
      expect(await closed(client, 5_000)).toBe(true);
    } finally {
      clearInterval(drip);
    }
    expect((client.closedAt ?? Date.now()) - started).toBeLessThan(limits.headersTimeoutMs + 1_500);
  });

  it('closes idle keep-alive connections, a connection after its requests, and refuses connections beyond the cap', async () => {
    const idle = await open(port);
    idle.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await closed(idle, 3_000)).toBe(true);
    expect(idle.received).toMatch(/^HTTP\/1\.1 200/);

    const busy = await open(port);
    busy.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await closed(busy, 3_000)).toBe(true);
    expect(busy.received).toMatch(/connection: close/i);

    const held = await Promise.all(Array.from({ length: limits.maxConnections }, () => open(port)));
    // Each held connection is accepted (it is answered).
    for (const c of held)
      c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    const extra = await open(port);
    expect(await closed(extra, 1_000)).toBe(true);
    expect(extra.received).toBe('');
    for (const c of held) c.socket.destroy();
  });
});
