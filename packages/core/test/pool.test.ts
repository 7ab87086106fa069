import { describe, expect } from 'vitest';
import {
  AlreadyWhitelistedError,
  CapBelowTotalStakeError,
  InvalidPercentError,
  NotPoolOwnerError,
  NotWhitelistedError,
  NoWhitelistError,
  PalletError,
  PoolNotFoundError,
  pha,
  type TxStage,
} from '../src/index.js';
import { test } from './chainTest.js';
import { rejection, until } from './helpers.js';

describe('pool administration on the dev chain', () => {
  test('creates a pool and resolves to its pid', async ({ chain, client }) => {
    const { alice } = chain.accounts;
    const first = await client.createPool().send(alice);
    const second = await client.createPool().send(alice);
    expect(second.value).toBe(first.value + 1n);
    const pool = await until(client.pool$(first.value), (p) => p !== undefined);
    expect(pool).toMatchObject({
      pid: first.value,
      owner: alice.address,
      commission: 0,
      cap: undefined,
      totalStake: 0n,
      workers: [],
    });
  });

  test('reports every lifecycle stage', async ({ chain, client }) => {
    const stages: TxStage['stage'][] = [];
    const sub = client.createPool().send(chain.accounts.bob, { waitFor: 'finalized' });
    sub.subscribe((s) => stages.push(s.stage));
    const result = await sub;
    expect(result.finalized).toBe(true);
    expect(stages).toEqual(['signed', 'broadcast', 'inBlock', 'finalized']);
    expect(
      result.events.some((e) => e.method === 'PoolCreated' && e.data.owner === chain.accounts.bob.address),
    ).toBe(true);
  });

  test('chains payout, cap, description and whitelist into one batchAll', async ({ chain, client }) => {
    const { alice, bob, charlie } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    const batch = client
      .pool(pid)
      .setPayout(20)
      .setCap(pha('50000'))
      .setDescription('hello miners')
      .whitelistAdd(bob.address)
      .whitelistAdd(charlie.address);
    expect(await batch.dryRun(alice)).toMatchObject({
      calls: [
        'phalaStakePool.setPayoutPref',
        'phalaStakePool.setCap',
        'phalaStakePool.setPoolDescription',
        'phalaStakePool.addStakerToWhitelist',
        'phalaStakePool.addStakerToWhitelist',
      ],
    });
    expect(await batch.estimateFee(alice)).toBeGreaterThan(0n);
    const result = await batch.send(alice);
    expect(result.events.some((e) => e.section === 'utility' && e.method === 'BatchCompleted')).toBe(true);
    const pool = await until(client.pool$(pid), (p) => p?.cap !== undefined);
    expect(pool).toMatchObject({
      commission: 200_000,
      cap: pha('50000'),
      description: { kind: 'text', text: 'hello miners' },
      whitelist: [bob.address, charlie.address],
    });

    await client.pool(pid).whitelistRemove(bob.address).whitelistRemove(charlie.address).send(alice);
    expect(await until(client.pool$(pid), (p) => p?.whitelist === undefined)).toBeDefined();
  });

  test('refuses bad input and broken rules before signing, changing nothing', async ({ chain, client }) => {
    const { alice, bob } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    const nonce = (await chain.api.rpc.system.accountNextIndex(bob.address)).toNumber();

    // bad input surfaces like a broken rule: the send fails with the typed error, nothing is thrown at build time
    expect(await rejection(client.pool(pid).setPayout(101).send(alice))).toBeInstanceOf(InvalidPercentError);
    expect(await rejection(client.pool(pid).setPayout(-1).dryRun(alice))).toBeInstanceOf(InvalidPercentError);
    expect(await rejection(client.pool(pid).setPayout(10).send(bob))).toBeInstanceOf(NotPoolOwnerError);
    expect(await rejection(client.pool(9999).setCap(1n).send(alice))).toBeInstanceOf(PoolNotFoundError);
    expect(await rejection(client.pool(pid).whitelistRemove(bob.address).send(alice))).toBeInstanceOf(
      NoWhitelistError,
    );
    await client.pool(pid).whitelistAdd(bob.address).send(alice);
    expect(await rejection(client.pool(pid).whitelistAdd(bob.address).send(alice))).toBeInstanceOf(
      AlreadyWhitelistedError,
    );
    expect(
      await rejection(client.pool(pid).whitelistRemove(chain.accounts.dave.address).send(alice)),
    ).toBeInstanceOf(NotWhitelistedError);

    // a later operation of a chain sees the earlier ones: contributing past a cap set in the same batch is refused
    await client.pool(pid).whitelistAdd(alice.address).send(alice);
    await client.pool(pid).contribute(pha('100')).send(alice);
    const err = await rejection(client.pool(pid).setCap(pha('99')).send(alice));
    expect(err).toBeInstanceOf(CapBelowTotalStakeError);
    expect(err).toMatchObject({ code: 'CapBelowTotalStake', cap: pha('99'), totalStake: pha('100') });

    expect((await chain.api.rpc.system.accountNextIndex(bob.address)).toNumber()).toBe(nonce);
    const pool = await until(client.pool$(pid), (p) => p !== undefined);
    expect(pool!.cap).toBeUndefined();
    expect(pool!.commission).toBe(0);
  });

  test('decodes on-chain failures into PalletError with the pallet docs', async ({ chain, client }) => {
    const { alice, eve } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    // both pass validation against the same state; the chain refuses the second
    const [a, b] = await Promise.allSettled([
      client.pool(pid).whitelistAdd(eve.address).send(alice).result(),
      client.pool(pid).whitelistAdd(eve.address).send(alice).result(),
    ]);
    const failed = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect([a, b].filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(failed.reason).toBeInstanceOf(PalletError);
    expect(failed.reason).toMatchObject({
      code: 'PalletError',
      section: 'phalaStakePool',
      errorName: 'AlreadyInContributeWhitelist',
    });
  });
});
