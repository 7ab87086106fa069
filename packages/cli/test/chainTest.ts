import { createChainTest } from '@phala-mining/testing/vitest';
import { on } from './helpers.js';

/** `phala-mining` bound to the file's chain and a dev account's key. */
export type Runner = ReturnType<typeof on>;

/**
 * The testing package's chain fixture (one dev chain per file, over a real socket) with the stake pool mining
 * switch on (the genesis turns it on; kept explicit so a test never depends on it), and `phala-mining` runners
 * signing as Alice, Bob and Charlie: `test('…', async ({ chain, alice }) => …)`.
 */
export const test = createChainTest().extend<{ miningOn: true; alice: Runner; bob: Runner; charlie: Runner }>(
  {
    miningOn: [
      async ({ fileChain }, use) => {
        await fileChain.setMiningEnabled(true);
        await use(true);
      },
      { scope: 'file', auto: true },
    ],
    alice: [async ({ fileChain }, use) => use(on(fileChain, '--account', 'alice')), { scope: 'file' }],
    bob: [async ({ fileChain }, use) => use(on(fileChain, '--account', 'bob')), { scope: 'file' }],
    charlie: [async ({ fileChain }, use) => use(on(fileChain, '--account', 'charlie')), { scope: 'file' }],
  },
);
