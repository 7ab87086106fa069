import { describe, expect } from 'vitest';
import { pha } from '../src/index.js';
import { test } from './chainTest.js';

describe('parallel sends from one account', () => {
  test('lands 200 transactions sent at once, each with its own nonce', async ({ chain, client }) => {
    const { alice } = chain.accounts;
    const startNonce = (await chain.api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const count = Number((await chain.api.query.phalaStakePool.poolCount()).toBigInt());
    const sends = Array.from({ length: 200 }, () => client.createPool().send(alice));
    const results = await Promise.all(sends.map((s) => s.result()));
    const pids = results.map((r) => r.value);
    expect(new Set(pids).size).toBe(200);
    expect([...pids].sort((a, b) => Number(a - b))).toEqual(
      Array.from({ length: 200 }, (_, i) => BigInt(count + i)),
    );
    expect((await chain.api.rpc.system.accountNextIndex(alice.address)).toNumber()).toBe(startNonce + 200);
  });

  test('keeps nonces right when sends fail validation or are mixed with other operations', async ({
    chain,
    client,
  }) => {
    const { alice } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    const ok = Array.from({ length: 20 }, (_, i) =>
      client.pool(pid).setDescription(`v${i}`).send(alice).result(),
    );
    const bad = Array.from({ length: 5 }, () =>
      client.pool(pid).setCap(pha('0')).setPayout(10).contribute(1n).send(alice).result(),
    );
    const settled = await Promise.allSettled([...ok, ...bad]);
    expect(settled.slice(0, 20).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(
      settled
        .slice(20)
        .every(
          (r) =>
            r.status === 'rejected' && (r.reason as { code: string }).code === 'ContributionBelowMinimum',
        ),
    ).toBe(true);
    // and the next send still works
    await client.pool(pid).setPayout(5).send(alice);
  });
});
