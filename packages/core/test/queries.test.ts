import { createChainTest } from '@phala-mining/testing/vitest';
import { encodeAddress } from '@polkadot/util-crypto';
import { firstValueFrom } from 'rxjs';
import { expect } from 'vitest';
import {
  balanceQuery,
  createMiningClient,
  InvalidAddressError,
  InvalidPoolIdError,
  type MiningClient,
  poolQuery,
  queryKeys,
  stakeQuery,
} from '../src/index.js';
import { until } from './helpers.js';

const test = createChainTest().extend<{ client: MiningClient }>({
  client: async ({ chain }, use) => {
    const client = await createMiningClient({
      endpoint: chain.endpoint,
      network: 'devchain',
      waitFor: 'inBlock',
    });
    try {
      await use(client);
    } finally {
      await client.disconnect();
    }
  },
});

test('one key per query, whatever form the arguments take', ({ chain }) => {
  const alice = chain.accounts.alice.address;
  const generic = encodeAddress(chain.accounts.alice.publicKey, 42);
  expect(generic).not.toBe(alice);
  expect(poolQuery(1).key).toBe(poolQuery(1n).key);
  expect(balanceQuery(alice).key).toBe(balanceQuery(generic).key);
  expect(stakeQuery(3, alice).key).toBe(queryKeys.stake(3n, generic));
  expect(poolQuery(1).key).not.toBe(queryKeys.workers(1));
  expect(poolQuery(-1).key).not.toBe(poolQuery(1).key);
});

test('a descriptor follows the client’s state', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const { value: pid } = await client.createPool().send(alice);
  const pool = await until(poolQuery(pid).source$(client), (p) => p !== undefined);
  expect(pool).toMatchObject({ pid, owner: alice.address });
  expect(await firstValueFrom(client.pool$(pid))).toEqual(pool);
});

test('bad arguments arrive as an error notification, not a throw', async ({ client }) => {
  const pool = poolQuery(-1).source$(client);
  await expect(firstValueFrom(pool)).rejects.toBeInstanceOf(InvalidPoolIdError);
  const balance = balanceQuery('not an address').source$(client);
  await expect(firstValueFrom(balance)).rejects.toBeInstanceOf(InvalidAddressError);
});
