import { minStake } from '@phala-mining/math';
import { describe, expect } from 'vitest';
import {
  ContributionBelowMinimumError,
  ContributionExceedsCapError,
  InsufficientDelegableBalanceError,
  InvalidWithdrawalError,
  InvalidWithdrawalInputError,
  NoRewardToClaimError,
  NoStakeError,
  NotPoolOwnerError,
  NotWhitelistedError,
  pha,
} from '../src/index.js';
import { test } from './chainTest.js';
import { rejection, until } from './helpers.js';

describe('staking on the dev chain', () => {
  test('contributes within MinContribution, delegable balance, cap gap and whitelist', async ({
    chain,
    client,
  }) => {
    const { alice, bob, charlie } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    await client.pool(pid).setCap(pha('1000')).send(alice);

    const min = client.constants.minContribution;
    expect(
      await rejection(
        client
          .pool(pid)
          .contribute(min - 1n)
          .send(bob),
      ),
    ).toMatchObject({ code: 'ContributionBelowMinimum', amount: min - 1n, minimum: min });
    expect(await rejection(client.pool(pid).contribute(pha('1001')).send(bob))).toBeInstanceOf(
      ContributionExceedsCapError,
    );

    await chain.fund(charlie, pha('50'));
    const balance = await until(client.balance$(charlie.address), (b) => b.free === pha('50'));
    expect(balance.delegable).toBe(pha('50'));
    const poor = await rejection(client.pool(pid).contribute(pha('51')).send(charlie));
    expect(poor).toBeInstanceOf(InsufficientDelegableBalanceError);
    expect(poor.delegable).toBe(pha('50'));

    const { value: shares } = await client.pool(pid).contribute(pha('600')).send(bob);
    expect(shares).toBe(pha('600'));
    const stake = await until(client.stake$(pid, bob.address), (s) => (s?.locked ?? 0n) > 0n);
    expect(stake).toMatchObject({ locked: pha('600'), shares: pha('600'), value: pha('600') });
    const bobBalance = await until(client.balance$(bob.address), (b) => b.lockedByPools === pha('600'));
    expect(bobBalance.delegable).toBe(bobBalance.free - pha('600'));
    const gapErr = await rejection(client.pool(pid).contribute(pha('401')).send(bob));
    expect(gapErr).toMatchObject({
      code: 'ContributionExceedsCap',
      capGap: pha('400'),
      cap: pha('1000'),
      totalStake: pha('600'),
    });

    await client.pool(pid).whitelistAdd(bob.address).send(alice);
    expect(await rejection(client.pool(pid).contribute(pha('1')).send(charlie))).toBeInstanceOf(
      NotWhitelistedError,
    );
    // the owner may always contribute
    await client.pool(pid).contribute(pha('1')).send(alice);
    expect(min).toBe(pha('0.01'));
    expect(ContributionBelowMinimumError).toBeDefined();
  });

  test('withdraws immediately from free stake and queues the rest with a countdown', async ({
    chain,
    client,
  }) => {
    const { alice, dave } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    expect(await rejection(client.pool(pid).withdraw({ all: true }).send(dave))).toBeInstanceOf(NoStakeError);
    expect(() => client.pool(pid).withdraw({ shares: -1n })).toThrow(InvalidWithdrawalInputError);
    await client.pool(pid).contribute(pha('10000')).send(dave);
    expect(await rejection(client.pool(pid).withdraw({ shares: 1000n }).send(dave))).toBeInstanceOf(
      InvalidWithdrawalError,
    );
    expect(
      await rejection(
        client
          .pool(pid)
          .withdraw({ shares: pha('10001') })
          .send(dave),
      ),
    ).toMatchObject({ code: 'InvalidWithdrawal', available: pha('10000') });

    await client
      .pool(pid)
      .withdraw({ amount: pha('1000') })
      .send(dave);
    let stake = await until(client.stake$(pid, dave.address), (s) => s?.locked === pha('9000'));
    expect(stake!.queuedWithdrawal).toBeUndefined();

    // lock most of the stake in a mining worker so the next withdrawal must wait in the queue
    const worker = await chain.registerWorker({ operator: alice, score: 2000 });
    const params = (await until(client.tokenomics$(), (t) => t.params !== undefined)).params!;
    const smin = minStake(params, 2000);
    await client.pool(pid).addWorker(worker).startMining(worker, smin).send(alice);
    await client.pool(pid).withdraw({ all: true }).send(dave);
    stake = await until(client.stake$(pid, dave.address), (s) => s?.queuedWithdrawal !== undefined);
    const q = stake!.queuedWithdrawal!;
    const grace = client.constants.gracePeriod;
    expect(q.deadline).toBe(q.startTime + grace);
    expect(q.countdown).toBeGreaterThan(0n);
    expect(q.countdown).toBeLessThanOrEqual(grace);
    expect(q.latestCompletion).toBe(
      q.deadline + (await until(client.tokenomics$(), () => true)).coolDownPeriod,
    );
    const [entry] = await until(client.withdrawQueue$(pid), (list) => list.length === 1);
    expect(entry!.user).toBe(dave.address);
    expect(entry!.shares).toBe(q.shares);

    // the countdown follows chain time
    await chain.timeTravel({ days: 1 });
    const later = await until(
      client.withdrawQueue$(pid),
      (list) => (list[0]?.countdown ?? grace) <= q.countdown - 86_400n,
    );
    expect(later[0]!.countdown).toBeLessThanOrEqual(q.countdown - 86_400n);
  });

  test('claims owner and staker rewards to any account', async ({ chain, client }) => {
    const { alice, bob, ferdie } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    const worker = await chain.registerWorker({ operator: alice, score: 2500 });
    const params = (await until(client.tokenomics$(), (t) => t.params !== undefined)).params!;
    const smin = minStake(params, 2500);
    await client.pool(pid).contribute(smin).send(bob);
    expect(await rejection(client.pool(pid).claim('staker').send(bob))).toBeInstanceOf(NoRewardToClaimError);
    expect(await rejection(client.pool(pid).claim('owner').send(bob))).toBeInstanceOf(NotPoolOwnerError);
    await client.pool(pid).setPayout(50).addWorker(worker).startMining(worker, smin).send(alice);
    await chain.setWorkerOnline(worker, true);
    for (let i = 0; i < 3; i++) await chain.settle();

    const owner = await until(client.pool$(pid), (p) => (p?.ownerReward ?? 0n) > 0n);
    const before = await chain.balanceOf(ferdie);
    const { value: claimedOwner } = await client.pool(pid).claim('owner', ferdie.address).send(alice);
    expect(claimedOwner).toBeGreaterThanOrEqual(owner!.ownerReward);
    expect(await chain.balanceOf(ferdie)).toBe(before + claimedOwner);

    const staked = await until(client.stake$(pid, bob.address), (s) => (s?.claimableRewards ?? 0n) > 0n);
    const bobBefore = await chain.balanceOf(bob);
    const claimed = await client.pool(pid).claim('staker').send(bob);
    expect(claimed.value).toBeGreaterThanOrEqual(staked!.claimableRewards);
    expect(await chain.balanceOf(bob)).toBeGreaterThan(bobBefore);
    expect(
      claimed.events.some(
        (e) => e.method === (client.runtime.splitClaims ? 'StakerRewardsWithdrawn' : 'RewardsWithdrawn'),
      ),
    ).toBe(true);
  });
});
