import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createMiningClient } from './client.js';
import { ConnectAbortedError, ConnectionFailedError, ConnectionTimeoutError } from './errors/index.js';

const servers: Server[] = [];
const sockets: Socket[] = [];

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('createMiningClient', () => {
  it('fails with ConnectionFailedError when nothing listens at the endpoint', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const endpoint = `ws://127.0.0.1:${port}`;
    const error = await createMiningClient({ endpoint, network: 'devchain' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(error).toMatchObject({ code: 'ConnectionFailed', endpoint });
    expect((error as Error).message).toContain(endpoint);
  });

  it('gives up on an endpoint that accepts but never answers with ConnectionTimeoutError', async () => {
    // a TCP server that never completes the WebSocket handshake
    const silent = createServer((socket) => {
      socket.on('error', () => undefined);
      sockets.push(socket);
    });
    const endpoint = `ws://127.0.0.1:${await listen(silent)}`;
    const started = Date.now();
    const error = await createMiningClient({ endpoint, network: 'devchain', connectTimeoutMs: 400 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionTimeoutError);
    expect(error).toMatchObject({ code: 'ConnectionTimeout', endpoint, timeoutMs: 400 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('an abort while connecting closes the socket and releases the logger at once, with ConnectAbortedError', async () => {
    // a node that never completes the handshake: without the abort the attempt would wait for the 30 s timeout
    let opened!: () => void;
    const open = new Promise<void>((resolve) => {
      opened = resolve;
    });
    let closed!: () => void;
    const gone = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const silent = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.on('close', closed);
      sockets.push(socket);
      opened();
    });
    const endpoint = `ws://127.0.0.1:${await listen(silent)}`;
    const before = console.error;
    const controller = new AbortController();
    const connecting = createMiningClient({
      endpoint,
      network: 'devchain',
      signal: controller.signal,
      logger: () => undefined,
    }).catch((e: unknown) => e);
    await open;
    // the logger is taken while connecting
    expect(console.error).not.toBe(before);
    const started = Date.now();
    controller.abort();
    const error = await connecting;
    expect(error).toBeInstanceOf(ConnectAbortedError);
    expect(error).toMatchObject({ code: 'ConnectAborted', category: 'aborted', endpoint });
    await gone;
    expect(console.error).toBe(before);
    expect(Date.now() - started).toBeLessThan(5_000);
    // an already aborted signal never connects
    const again = await createMiningClient({
      endpoint,
      network: 'devchain',
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConnectAbortedError);
  });
});
