import { createChainTest } from '@phala-mining/testing/vitest';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { decodeAddress } from '@polkadot/util-crypto';
import { firstValueFrom, take, tap, timeout, toArray } from 'rxjs';
import { describe, expect } from 'vitest';
import { storageCodecs } from './codecs.js';
import { readDecoded, readStorage, watchDecoded$, watchStorage$ } from './source.js';

/**
 * The file's chain (the testing package's fixture) and an `ApiPromise` of the test's own on it, as an app creates
 * one: core reads raw storage through whatever ApiPromise it is given, without the chain helper's.
 */
const test = createChainTest().extend<{ api: ApiPromise }>({
  api: [
    async ({ fileChain }, use) => {
      const api = await ApiPromise.create({ provider: new WsProvider(fileChain.endpoint), noInitWarn: true });
      try {
        await use(api);
      } finally {
        await api.disconnect();
      }
    },
    { scope: 'file' },
  ],
});

describe('raw storage on the dev chain', () => {
  test('reads many items in one request, absent ones as their default', async ({ chain, api }) => {
    const { alice, bob } = chain.accounts;
    const [aliceAccount, bobLedger, count, enabled] = await readDecoded(api, [
      ['System', 'Account', decodeAddress(alice.address)],
      ['PhalaStakePool', 'StakeLedger', decodeAddress(bob.address)],
      ['PhalaStakePool', 'PoolCount'],
      ['PhalaStakePool', 'MiningEnabled'],
    ]);
    expect(aliceAccount.data.free).toBe(await chain.balanceOf(alice));
    expect(bobLedger).toBeUndefined();
    expect(count).toBe(0n);
    // the dev chain starts with the mining switch on, as Khala at 1192
    expect(enabled).toBe(true);
    expect(await readStorage(api, [])).toEqual([]);
  });

  test('emits every value, then again on each change', async ({ chain, api }) => {
    const { alice } = chain.accounts;
    const values$ = watchDecoded$(api, [
      ['Timestamp', 'Now'],
      ['System', 'Account', decodeAddress(alice.address)],
    ]);
    let emitted = 0;
    const twoEmissions = firstValueFrom(
      values$.pipe(
        tap(() => emitted++),
        take(2),
        toArray(),
        timeout(30_000),
      ),
    );
    // the block comes once the first value is in: a block before the subscription is live (a slow machine) would
    // be in the first value, and no second would come
    await expect.poll(() => emitted, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await chain.newBlocks(1);
    const [first, second] = await twoEmissions;
    expect(second![0]).toBeGreaterThan(first![0]);
    // the account did not change: decoded once, the same object both times
    expect(second![1]).toBe(first![1]);
  });

  test('gives each subscriber of one observable its own values', async ({ chain, api }) => {
    const { alice, bob } = chain.accounts;
    const balances$ = watchStorage$(api, [
      storageCodecs(api).entry('System', 'Account').key(decodeAddress(alice.address)),
      storageCodecs(api).entry('System', 'Account').key(decodeAddress(bob.address)),
    ]);
    const [first, second] = await Promise.all([
      firstValueFrom(balances$.pipe(timeout(5_000))),
      firstValueFrom(balances$.pipe(timeout(5_000))),
    ]);
    expect(first).toHaveLength(2);
    expect(second).toEqual(first);
    expect(first[0]).not.toBeNull();
  });

  test('has every value when it re-subscribes while @polkadot/api still holds the previous subscription', async ({
    chain,
    api,
  }) => {
    const { alice, bob } = chain.accounts;
    const keys = [
      ['Timestamp', 'Now'],
      ['System', 'Account', decodeAddress(alice.address)],
      ['System', 'Account', decodeAddress(bob.address)],
    ] as const;
    const held = watchDecoded$(api, keys);
    let emitted = 0;
    const firstTwo = firstValueFrom(
      held.pipe(
        tap(() => emitted++),
        take(2),
        toArray(),
        timeout(30_000),
      ),
    );
    // as above: the block only after the first value, so that it is a change the subscription reports
    await expect.poll(() => emitted, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    // only the timestamp changes: @polkadot/api's latest notification for these keys is now a partial one
    await chain.newBlocks(1);
    const [before] = await firstTwo;
    // within the keep-alive of the dropped subscription
    const again = await firstValueFrom(watchDecoded$(api, keys).pipe(timeout(5_000)));
    expect(again).toHaveLength(3);
    expect(again[0]).toBeGreaterThan(before![0]);
    expect(again[1].data.free).toBe(await chain.balanceOf(alice));
    expect(again[2].data.free).toBe(await chain.balanceOf(bob));
  });
});
