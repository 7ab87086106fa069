/** The cold-key set-up helpers against a real dev chain: a StakePoolManager proxy and a 2-of-3 pool owner. */
import { describe, expect } from 'vitest';
import { addProxy, findEvents, InvalidArgumentError, multisigAddress, sendAsMultisig } from '../src/index.js';
import { createChainTest } from '../src/vitest.js';

const PHA = 10n ** 12n;
const test = createChainTest({ isolate: true });

describe('cold owner keys', () => {
  test('addProxy registers a StakePoolManager delegate that may create pools for the owner', async ({
    chain,
  }) => {
    const { api, accounts } = chain;
    const { alice, bob } = accounts;
    await addProxy(chain, alice, bob);
    const [list] = (await (api.query as any).proxy.proxies(alice.address)) as any;
    expect(list.map((d: any) => [d.delegate.toString(), d.proxyType.toString()])).toEqual([
      [bob.address, 'StakePoolManager'],
    ]);
    const created = await chain.sendTx(
      (api.tx as any).proxy.proxy(alice.address, null, api.tx.phalaStakePool.create()),
      bob,
    );
    expect(created).toHaveEvent('PhalaStakePool.PoolCreated', { owner: alice.address });
  });

  test('sendAsMultisig runs a call from a 2-of-3 account', async ({ chain }) => {
    const { api, accounts } = chain;
    const { alice, bob, charlie } = accounts;
    const signatories = [alice, bob, charlie];
    const multisig = multisigAddress(signatories, 2);
    await chain.sendTx(api.tx.balances.transfer(multisig, 50n * PHA), alice);
    const { executed } = await sendAsMultisig(chain, api.tx.phalaStakePool.create(), {
      signatories,
      threshold: 2,
    });
    expect(findEvents(executed, 'Multisig.MultisigExecuted')).toHaveLength(1);
    expect(executed).toHaveEvent('PhalaStakePool.PoolCreated', { owner: multisig });
    await expect(
      sendAsMultisig(chain, api.tx.phalaStakePool.create(), { signatories, threshold: 1 }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
