import { createServer, type Server, type Socket } from 'node:net';
import { render } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useConnection } from '../hooks/useConnection.js';
import { MiningProvider } from './MiningProvider.js';

// A node that accepts the socket and never completes the WebSocket handshake: connecting would wait for the 30 s
// connect timeout. The test sees each socket open and close.
let server: Server;
let endpoint: string;
const sockets: Socket[] = [];
let onOpen: (() => void) | undefined;
let onClose: (() => void) | undefined;
beforeAll(async () => {
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => onClose?.());
    onOpen?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new TypeError('expected a TCP address');
  endpoint = `ws://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function Status() {
  return <p>{useConnection().status}</p>;
}

describe('<MiningProvider> unmounted while connecting', () => {
  it('closes the socket and releases its logger at once, not at the connect timeout', async () => {
    const opened = new Promise<void>((resolve) => {
      onOpen = resolve;
    });
    const closed = new Promise<void>((resolve) => {
      onClose = resolve;
    });
    const before = console.error;
    const view = render(
      <MiningProvider endpoint={endpoint} network="devchain" clientOptions={{ logger: 'silent' }}>
        <Status />
      </MiningProvider>,
    );
    await opened;
    expect(view.container.textContent).toBe('connecting');
    // the provider's client routes @polkadot/api's lines while it connects
    expect(console.error).not.toBe(before);
    const started = Date.now();
    view.unmount();
    await closed;
    await expect.poll(() => console.error, { timeout: 30_000 }).toBe(before);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
