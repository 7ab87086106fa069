import { createChainTest } from '@phala-mining/testing/vitest';
import { createMiningClient, type MiningClient } from '../src/index.js';

/**
 * The testing package's `createChainTest` (one dev chain per file, over a real socket) with a mining client on it,
 * shared by the file's tests: `test('…', async ({ chain, client }) => …)`.
 */
export const test = createChainTest().extend<{ client: MiningClient }>({
  client: [
    async ({ fileChain }, use) => {
      const client = await createMiningClient({
        endpoint: fileChain.endpoint,
        network: 'devchain',
        waitFor: 'inBlock',
      });
      try {
        await use(client);
      } finally {
        await client.disconnect();
      }
    },
    { scope: 'file' },
  ],
});

/** {@link test} on a chain with mining switched on, once per file before its first test (the guardian tests). */
export const miningTest = test.extend<{ miningOn: true }>({
  miningOn: [
    async ({ fileChain }, use) => {
      await fileChain.setMiningEnabled(true);
      await use(true);
    },
    { scope: 'file', auto: true },
  ],
});
