// @vitest-environment node
import { createServer, type Server } from 'node:net';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useConnection } from '../hooks/useConnection.js';
import { usePool } from '../hooks/usePool.js';
import { useStake } from '../hooks/useStake.js';
import { useContribute } from '../operations/useContribute.js';
import { useAccounts } from '../wallet/useAccounts.js';
import { MiningProvider } from './MiningProvider.js';

// A plain TCP listener stands in for a node: any WebSocket the render tried to open would show up as a connection.
let server: Server;
let connections = 0;
let endpoint: string;
beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new TypeError('expected a TCP address');
  endpoint = `ws://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function Dashboard() {
  const connection = useConnection();
  const pool = usePool(0n);
  const stake = useStake(0n, undefined);
  const wallet = useAccounts();
  const contribute = useContribute(0n);
  return (
    <p>
      {connection.status} / pool {pool.status} / stake {stake.status} / wallet {wallet.status} /{' '}
      {contribute.stage}
    </p>
  );
}

describe('server rendering', () => {
  it('renders the loading state and opens no socket', async () => {
    const html = renderToString(
      <MiningProvider endpoint={endpoint}>
        <Dashboard />
      </MiningProvider>,
    );
    expect(html.replaceAll('<!-- -->', '')).toBe(
      '<p>connecting / pool loading / stake idle / wallet idle / idle</p>',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(connections).toBe(0);
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  });
});
