import { createTestChain, type TestChain } from '@phala-mining/testing';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { decodeAddress } from '@polkadot/util-crypto';
import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageCodecs } from './codecs.js';
import { readDecoded, readStorage, watchDecoded$, watchStorage$ } from './source.js';

const codecs = () => storageCodecs(api);

let chain: TestChain;
let api: ApiPromise;

beforeAll(async () => {
  chain = await createTestChain();
  api = await ApiPromise.create({ provider: new WsProvider(chain.endpoint), noInitWarn: true });
});

afterAll(async () => {
  await api?.disconnect();
  await chain?.close();
});

describe('raw storage on the dev chain', () => {
  it('reads many items in one request, absent ones as their default', async () => {
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

  it('emits every value, then again on each change', async () => {
    const { alice } = chain.accounts;
    const values$ = watchDecoded$(api, [
      ['Timestamp', 'Now'],
      ['System', 'Account', decodeAddress(alice.address)],
    ]);
    const twoEmissions = firstValueFrom(values$.pipe(take(2), toArray(), timeout(10_000)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await chain.newBlocks(1);
    const [first, second] = await twoEmissions;
    expect(second![0]).toBeGreaterThan(first![0]);
    // the account did not change: decoded once, the same object both times
    expect(second![1]).toBe(first![1]);
  });

  it('gives each subscriber of one observable its own values', async () => {
    const { alice, bob } = chain.accounts;
    const balances$ = watchStorage$(api, [
      codecs().entry('System', 'Account').key(decodeAddress(alice.address)),
      codecs().entry('System', 'Account').key(decodeAddress(bob.address)),
    ]);
    const [first, second] = await Promise.all([
      firstValueFrom(balances$.pipe(timeout(5_000))),
      firstValueFrom(balances$.pipe(timeout(5_000))),
    ]);
    expect(first).toHaveLength(2);
    expect(second).toEqual(first);
    expect(first[0]).not.toBeNull();
  });

  it('has every value when it re-subscribes while @polkadot/api still holds the previous subscription', async () => {
    const { alice, bob } = chain.accounts;
    const keys = [
      ['Timestamp', 'Now'],
      ['System', 'Account', decodeAddress(alice.address)],
      ['System', 'Account', decodeAddress(bob.address)],
    ] as const;
    const held = watchDecoded$(api, keys);
    const firstTwo = firstValueFrom(held.pipe(take(2), toArray(), timeout(10_000)));
    await new Promise((resolve) => setTimeout(resolve, 200));
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
