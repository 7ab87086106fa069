import { describe, expect } from 'vitest';
import { pha, type QueuedWithdrawal, type StakeView } from '../src/index.js';
import { sameValue } from '../src/state/sameValue.js';
import { test } from './chainTest.js';
import { until } from './helpers.js';

describe('stake$ and withdrawQueue$ emit only on change', () => {
  test('stay quiet over blocks that change nothing of theirs, and emit when the stake changes', async ({
    chain,
    client,
  }) => {
    const { alice, bob } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    await client.pool(pid).contribute(pha('1000')).send(bob);
    const stakes: (StakeView | undefined)[] = [];
    const queues: QueuedWithdrawal[][] = [];
    const s1 = client.stake$(pid, bob.address).subscribe((v) => stakes.push(v));
    const s2 = client.withdrawQueue$(pid).subscribe((v) => queues.push(v));
    try {
      await until(client.stake$(pid, bob.address), (v) => v?.locked === pha('1000'));
      const [stakesBefore, queuesBefore] = [stakes.length, queues.length];
      // every block moves Timestamp.Now, an input of both views
      await chain.newBlocks(3);
      await chain.timeTravel({ hours: 1 });
      await until(client.tokenomics$(), () => true);
      expect(stakes.length).toBe(stakesBefore);
      expect(queues.length).toBe(queuesBefore);
      await client.pool(pid).contribute(pha('500')).send(bob);
      await until(client.stake$(pid, bob.address), (v) => v?.locked === pha('1500'));
      expect(stakes.length).toBe(stakesBefore + 1);
      expect(stakes.at(-1)?.locked).toBe(pha('1500'));
      expect(queues.length).toBe(queuesBefore);
    } finally {
      s1.unsubscribe();
      s2.unsubscribe();
    }
  });
});

describe('sameValue', () => {
  test('compares plain state structurally, bigints by value', () => {
    expect(
      sameValue({ a: 1n, b: [1n, { c: 'x' }], d: undefined }, { a: 1n, b: [1n, { c: 'x' }], d: undefined }),
    ).toBe(true);
    expect(sameValue({ a: 1n }, { a: 2n })).toBe(false);
    expect(sameValue({ a: 1n }, { a: 1n, b: undefined })).toBe(false);
    expect(sameValue<unknown>([1n], { 0: 1n })).toBe(false);
    expect(sameValue<unknown>(undefined, {})).toBe(false);
  });
});
