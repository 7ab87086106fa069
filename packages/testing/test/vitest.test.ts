import { describe, expect } from 'vitest';
import { createChainTest } from '../src/vitest.js';

const PHA = 10n ** 12n;
const isolated = createChainTest({ isolate: true });
const shared = createChainTest();

const seen: string[] = [];

describe('createChainTest({ isolate: true })', () => {
  isolated('hands each test the file chain, ready', async ({ chain }) => {
    seen.push(chain.endpoint);
    expect(chain.api.isConnected).toBe(true);
    const result = await chain.sendTx(
      chain.api.tx.balances.transfer(chain.accounts.bob.address, 10n * PHA),
      'alice',
    );
    expect(result).toHaveEvent('Balances.Transfer', { to: chain.accounts.bob.address });
    expect((await chain.api.rpc.chain.getHeader()).number.toNumber()).toBe(1);
    // the matcher takes event records too
    expect(await chain.api.query.system.events()).toHaveEvent('Balances.Transfer', { amount: 10n * PHA });
  });

  isolated('reverts what the previous test did', async ({ chain }) => {
    seen.push(chain.endpoint);
    expect(seen[0]).toBe(seen[1]);
    expect((await chain.api.rpc.chain.getHeader()).number.toNumber()).toBe(0);
    expect(await chain.api.query.system.events()).not.toHaveEvent('Balances.Transfer');
  });
});

describe('createChainTest()', () => {
  shared('shares one evolving chain between the tests of a file', async ({ chain }) => {
    await chain.newBlocks(2);
    expect((await chain.api.rpc.chain.getHeader()).number.toNumber()).toBe(2);
  });

  shared('sees the previous test’s blocks', async ({ chain }) => {
    expect((await chain.api.rpc.chain.getHeader()).number.toNumber()).toBe(2);
  });
});

describe('matchers', () => {
  isolated('explain what they looked for and what was there', async ({ chain }) => {
    const result = await chain.sendTx(
      chain.api.tx.balances.transfer(chain.accounts.dave.address, PHA),
      'alice',
    );
    expect(() => expect(result).toHaveEvent('Balances.Transfer', { amount: 2n * PHA })).toThrowError(
      /expected a Balances\.Transfer event with .*the events were:\n.*Balances\.Transfer \{ from:/s,
    );
    expect(() =>
      expect(result).toHaveEvent('Balances.Transfer', { amount: expect.any(BigInt) }),
    ).not.toThrow();
    expect(() => expect(42).toHaveEvent('System.ExtrinsicSuccess')).toThrowError(
      /SubmittableResult or an array/,
    );
    await expect(Promise.resolve(1)).not.toThrowPalletError();
    await expect(expect(Promise.resolve(1)).toThrowPalletError()).rejects.toThrowError(/nothing was thrown/);
    const failing = chain.sendTx(
      chain.api.tx.balances.transfer(chain.accounts.dave.address, 10n ** 30n),
      'eve',
    );
    await expect(
      expect(failing).rejects.toThrowPalletError('Balances.ExistentialDeposit'),
    ).rejects.toThrowError(
      /expected pallet error Balances\.ExistentialDeposit, but got Balances\.InsufficientBalance/,
    );
  });
});
