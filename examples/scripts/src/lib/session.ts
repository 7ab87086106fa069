import { createMiningClient, type MiningClient } from '@phala-mining/core';
import { createTestChain, type DevAccounts, type TestChain } from '@phala-mining/testing';

/** A chain to talk to, a mining client on it and the dev accounts that sign. */
export interface Session {
  /** the test harness: dev RPC helpers (register a worker, settle, time travel) and the raw `api` */
  chain: TestChain;
  /** the SDK every example is about */
  client: MiningClient;
  /** //Alice … //Ferdie */
  accounts: DevAccounts;
  close(): Promise<void>;
}

/**
 * Connects to `endpoint`, or starts an embedded dev chain when there is none. An external endpoint must be a dev
 * chain (`pnpm devchain`) or a node with the same dev RPC: the examples register simulated workers and move time.
 */
export async function openSession(endpoint?: string): Promise<Session> {
  const chain = await createTestChain(endpoint === undefined ? {} : { endpoint });
  try {
    const client = await createMiningClient({ endpoint: chain.endpoint, network: 'devchain' });
    return {
      chain,
      client,
      accounts: chain.accounts,
      close: async () => {
        await client.disconnect();
        await chain.close();
      },
    };
  } catch (error) {
    await chain.close();
    throw error;
  }
}

/** Runs `body` in a session that is closed afterwards, whatever happens. */
export async function withSession<T>(
  endpoint: string | undefined,
  body: (session: Session) => Promise<T>,
): Promise<T> {
  const session = await openSession(endpoint);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}
