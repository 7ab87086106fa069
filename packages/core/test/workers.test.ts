import { maxStake, minStake } from '@phala-mining/math';
import { describe, expect } from 'vitest';
import {
  CooldownNotOverError,
  InsufficientFreeStakeError,
  InvalidWorkerKeyError,
  NotWorkerOperatorError,
  pha,
  RestartStakeNotHigherError,
  StakeAboveMaximumError,
  StakeBelowMinimumError,
  WorkerAlreadyBoundError,
  WorkerNotInPoolError,
  WorkerNotRegisteredError,
  WorkerStateError,
} from '../src/index.js';
import { test as chainTest } from './chainTest.js';
import { rejection, until } from './helpers.js';

/**
 * The file's tests share one pool of Alice's holding 100 000 PHA of her own, on the file's chain (the testing
 * package's fixture) with mining switched on.
 */
const test = chainTest.extend<{ pid: bigint }>({
  pid: [
    async ({ fileChain, client }, use) => {
      const { alice } = fileChain.accounts;
      const pid = (await client.createPool().send(alice)).value;
      await client.pool(pid).contribute(pha('100000')).send(alice);
      await fileChain.setMiningEnabled(true);
      await use(pid);
    },
    { scope: 'file', auto: true },
  ],
});

describe('workers on the dev chain', () => {
  test('adds a worker and shows it Ready with cores, scores, Smin and Smax', async ({
    chain,
    client,
    pid,
  }) => {
    const { alice } = chain.accounts;
    const worker = await chain.registerWorker({ operator: alice, score: 2000, cores: 8, confidence: 1 });
    await client.pool(pid).addWorker(worker).send(alice);
    const [view] = await until(client.workers$(pid), (ws) => ws.length === 1);
    const params = (await until(client.tokenomics$(), (t) => t.params !== undefined)).params!;
    expect(view).toMatchObject({
      pubkey: worker,
      state: 'Ready',
      cores: 8,
      initialScore: 2000,
      stake: 0n,
      smin: minStake(params, 2000),
      smax: maxStake(params, 2000, 1),
    });
  });

  test('refuses workers that cannot be added', async ({ chain, client, pid }) => {
    const { alice, bob } = chain.accounts;
    expect(await rejection(client.pool(pid).addWorker('0x1234').send(alice))).toBeInstanceOf(
      InvalidWorkerKeyError,
    );
    expect(
      await rejection(
        client
          .pool(pid)
          .addWorker(`0x${'ab'.repeat(32)}`)
          .send(alice),
      ),
    ).toBeInstanceOf(WorkerNotRegisteredError);
    const bobs = await chain.registerWorker({ operator: bob });
    expect(await rejection(client.pool(pid).addWorker(bobs).send(alice))).toBeInstanceOf(
      NotWorkerOperatorError,
    );
    const [existing] = (await until(client.pool$(pid), (p) => (p?.workers.length ?? 0) > 0))!.workers;
    expect(await rejection(client.pool(pid).addWorker(existing!).send(alice))).toBeInstanceOf(
      WorkerAlreadyBoundError,
    );
  });

  test('starts mining only with Smin ≤ stake ≤ Smax and ≤ free stake, then stops, cools down and reclaims', async ({
    chain,
    client,
    pid,
  }) => {
    const { alice } = chain.accounts;
    const worker = await chain.registerWorker({ operator: alice, score: 2000 });
    await client.pool(pid).addWorker(worker).send(alice);
    const params = (await until(client.tokenomics$(), (t) => t.params !== undefined)).params!;
    const smin = minStake(params, 2000);
    const smax = maxStake(params, 2000, 1)!;

    const low = await rejection(
      client
        .pool(pid)
        .startMining(worker, smin - 1n)
        .send(alice),
    );
    expect(low).toBeInstanceOf(StakeBelowMinimumError);
    expect(low).toMatchObject({ code: 'StakeBelowMinimum', stake: smin - 1n, minimum: smin });
    const high = await rejection(
      client
        .pool(pid)
        .startMining(worker, smax + 1n)
        .send(alice),
    );
    expect(high).toMatchObject({ code: 'StakeAboveMaximum', maximum: smax });
    expect(high).toBeInstanceOf(StakeAboveMaximumError);
    const free = (await until(client.pool$(pid), (p) => p !== undefined))!.freeStake;
    expect(
      await rejection(
        client
          .pool(pid)
          .startMining(worker, free + 1n)
          .send(alice),
      ),
    ).toBeInstanceOf(InsufficientFreeStakeError);
    expect(await rejection(client.pool(pid).stopMining(worker).send(alice))).toBeInstanceOf(WorkerStateError);
    expect(await rejection(client.pool(pid).reclaimWorker(worker).send(alice))).toBeInstanceOf(
      WorkerStateError,
    );
    expect(
      await rejection(
        client
          .pool(pid + 1000n)
          .startMining(worker, smin)
          .send(alice),
      ),
    ).toMatchObject({ code: 'PoolNotFound' });
    const elsewhere = (await client.createPool().send(alice)).value;
    // the chain checks the pool's free stake before the worker, and so does the SDK
    expect(await rejection(client.pool(elsewhere).startMining(worker, smin).send(alice))).toBeInstanceOf(
      InsufficientFreeStakeError,
    );
    expect(await rejection(client.pool(elsewhere).startMining(worker, 0n).send(alice))).toBeInstanceOf(
      WorkerNotInPoolError,
    );

    await client.pool(pid).startMining(worker, smin).send(alice);
    let view = (
      await until(client.workers$(pid), (ws) => ws.find((w) => w.pubkey === worker)?.state === 'Mining')
    ).find((w) => w.pubkey === worker)!;
    expect(view.stake).toBe(smin);
    expect(view.ve).toBeGreaterThan(0n);
    expect(await rejection(client.pool(pid).removeWorker(worker).send(alice))).toMatchObject({
      code: 'WorkerState',
      state: 'MiningIdle',
      expected: ['Ready'],
    });
    expect(await rejection(client.pool(pid).restartMining(worker, smin).send(alice))).toBeInstanceOf(
      RestartStakeNotHigherError,
    );

    // restart with more stake keeps it mining
    await client
      .pool(pid)
      .restartMining(worker, smin + pha('10'))
      .send(alice);
    view = (
      await until(
        client.workers$(pid),
        (ws) => ws.find((w) => w.pubkey === worker)?.stake === smin + pha('10'),
      )
    ).find((w) => w.pubkey === worker)!;
    expect(view.state).toBe('Mining');

    await client.pool(pid).stopMining(worker).send(alice);
    view = (
      await until(client.workers$(pid), (ws) => ws.find((w) => w.pubkey === worker)?.state === 'CoolingDown')
    ).find((w) => w.pubkey === worker)!;
    const cooldown = (await until(client.tokenomics$(), () => true)).coolDownPeriod;
    expect(view.cooldownEnd).toBe(view.coolDownStart! + cooldown);
    expect(view.reclaimable).toBe(false);
    const pool = await until(client.pool$(pid), (p) => (p?.releasingStake ?? 0n) > 0n);
    expect(pool!.releasingStake).toBe(smin + pha('10'));

    const early = await rejection(client.pool(pid).reclaimWorker(worker).send(alice));
    expect(early).toBeInstanceOf(CooldownNotOverError);
    expect(early.cooldownEnd).toBe(view.cooldownEnd);

    await chain.timeTravel({ seconds: Number(cooldown) + 12 });
    const ready = await until(
      client.workers$(pid),
      (ws) => ws.find((w) => w.pubkey === worker)?.reclaimable === true,
    );
    expect(ready.find((w) => w.pubkey === worker)!.cooldownRemaining).toBe(0n);
    // anyone may reclaim
    await client.pool(pid).reclaimWorker(worker).send(chain.accounts.bob);
    await until(client.workers$(pid), (ws) => ws.find((w) => w.pubkey === worker)?.state === 'Ready');
    expect((await until(client.pool$(pid), (p) => p?.releasingStake === 0n))!.releasingStake).toBe(0n);

    await client.pool(pid).removeWorker(worker).send(alice);
    await until(client.workers$(pid), (ws) => !ws.some((w) => w.pubkey === worker));
  });

  test('shows rewards accruing on mining workers and the pool', async ({ chain, client, pid }) => {
    const { alice } = chain.accounts;
    const worker = await chain.registerWorker({ operator: alice, score: 3000 });
    const params = (await until(client.tokenomics$(), (t) => t.params !== undefined)).params!;
    await client
      .pool(pid)
      .setPayout(10)
      .addWorker(worker)
      .startMining(worker, minStake(params, 3000))
      .send(alice);
    await chain.setWorkerOnline(worker, true);
    for (let i = 0; i < 5; i++) await chain.settle();
    const ws = await until(
      client.workers$(pid),
      (list) => (list.find((w) => w.pubkey === worker)?.totalReward ?? 0n) > 0n,
      30_000,
    );
    expect(ws.find((w) => w.pubkey === worker)!.totalReward).toBeGreaterThan(0n);
    const pool = await until(client.pool$(pid), (p) => (p?.ownerReward ?? 0n) > 0n);
    expect(pool!.ownerReward).toBeGreaterThan(0n);
    const stake = await until(client.stake$(pid, alice.address), (s) => (s?.claimableRewards ?? 0n) > 0n);
    expect(stake!.pendingRewards + stake!.availableRewards).toBe(stake!.claimableRewards);
    const apr = await until(client.apr$(pid), (x) => x > 0);
    expect(apr).toBeGreaterThan(0);
  });
});
