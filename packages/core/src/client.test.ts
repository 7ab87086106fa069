import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createMiningClient } from './client.js';
import { ConnectionFailedError, ConnectionTimeoutError } from './errors/index.js';

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
});
