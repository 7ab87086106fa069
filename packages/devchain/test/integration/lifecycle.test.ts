/**
 * The whole "Manage the Miner" lifecycle through stock @polkadot/api over a real socket: create → payout → cap →
 * add worker → contribute → start → rewards accrue → claim → withdraw with queue → stop → 7 days → reclaim →
 * queue filled → remove.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DecoratedApi, openScenario, PHA, type Scenario } from '../helpers/stockApi.js';

describe('stake pool lifecycle through @polkadot/api', () => {
  let scenario: Scenario;
  let api: DecoratedApi;
  let alice: KeyringPair;
  let bob: KeyringPair;
  let charlie: KeyringPair;
  let worker: string;
  let pid: number;

  const send = (tx: unknown, signer: KeyringPair) => scenario.send(tx, signer);
  const rpc = (method: string, params: unknown[]) => scenario.rpc(method, params);
  const pool = async () => (await api.query.phalaStakePool.stakePools(pid)).unwrap();
  const free = async (who: KeyringPair) =>
    (await api.query.system.account(who.address)).data.free.toBigInt() as bigint;
  const subAccount = async () => (await api.query.phalaMining.workerBindings(worker)).unwrap().toString();

  beforeAll(async () => {
    scenario = await openScenario();
    api = scenario.api;
    ({ alice, bob, charlie } = scenario.keys);
  });

  afterAll(async () => {
    await scenario?.close();
  });

  it('creates a pool and configures payout and cap', async () => {
    const created = await send(api.tx.phalaStakePool.create(), alice);
    expect(created.events).toContain('phalaStakePool.PoolCreated');
    const event = created.raw.events.find(({ event }) => api.events.phalaStakePool.PoolCreated.is(event))!;
    pid = (event.event.data as any).pid.toNumber();
    expect((await pool()).owner.toString()).toBe(alice.address);

    expect((await send(api.tx.phalaStakePool.setPayoutPref(pid, 200_000), alice)).events).toContain(
      'phalaStakePool.PoolCommissionSet',
    );
    expect((await send(api.tx.phalaStakePool.setCap(pid, 100_000n * PHA), alice)).events).toContain(
      'phalaStakePool.PoolCapacitySet',
    );
    const info = await pool();
    expect(info.payoutCommission.unwrap().toNumber()).toBe(200_000);
    expect(info.cap.unwrap().toBigInt()).toBe(100_000n * PHA);

    expect((await send(api.tx.phalaStakePool.setCap(pid, PHA), bob)).error).toBe(
      'phalaStakePool.UnauthorizedPoolOwner',
    );
  });

  it('registers a simulated worker and adds it to the pool', async () => {
    worker = await rpc('phala_registerWorker', [
      { operator: alice.address, score: 2000, cores: 8, confidence: 1 },
    ]);
    const registered = (await api.query.phalaRegistry.workers(worker)).unwrap();
    expect(registered.operator.unwrap().toString()).toBe(alice.address);
    expect(registered.initialScore.unwrap().toNumber()).toBe(2000);
    expect(registered.features.map((f: any) => f.toNumber())[0]).toBe(8);

    expect((await send(api.tx.phalaStakePool.addWorker(pid, worker), bob)).error).toBe(
      'phalaStakePool.UnauthorizedOperator',
    );
    const added = await send(api.tx.phalaStakePool.addWorker(pid, worker), alice);
    expect(added.events).toEqual(
      expect.arrayContaining(['phalaMining.MinerBound', 'phalaStakePool.PoolWorkerAdded']),
    );
    expect((await pool()).workers.map((w: any) => w.toHex())).toEqual([worker]);
  });

  it('takes contributions and starts mining within Smin..Smax', async () => {
    expect((await send(api.tx.phalaStakePool.contribute(pid, 10_000n * PHA), bob)).events).toContain(
      'phalaStakePool.Contribution',
    );
    expect((await send(api.tx.phalaStakePool.contribute(pid, 5_000n * PHA), charlie)).events).toContain(
      'phalaStakePool.Contribution',
    );
    expect((await send(api.tx.phalaStakePool.contribute(pid, 10n ** 9n), charlie)).error).toBe(
      'phalaStakePool.InsufficientContribution',
    );
    const locks = await api.query.balances.locks(bob.address);
    expect(locks.map((l: any) => l.id.toHuman())).toContain('phala/sp');

    // Smin = k·√p PHA: 100·√2000 ≈ 4472 PHA with the dev chain's genesis parameters.
    expect((await send(api.tx.phalaStakePool.startMining(pid, worker, 1_000n * PHA), alice)).error).toBe(
      'phalaMining.InsufficientStake',
    );
    const started = await send(api.tx.phalaStakePool.startMining(pid, worker, 12_000n * PHA), alice);
    expect(started.events).toEqual(
      expect.arrayContaining(['phalaMining.MinerStarted', 'phalaStakePool.MiningStarted']),
    );
    const miner = (await api.query.phalaMining.miners(await subAccount())).unwrap();
    expect(miner.state.toString()).toBe('MiningIdle');
    expect((await pool()).freeStake.toBigInt()).toBe(3_000n * PHA);
  });

  it('accrues rewards through the simulated gatekeeper and pays claims from the subsidy pool', async () => {
    await rpc('dev_newBlock', [{ count: 5 }]);
    await rpc('phala_settle', []);
    const info = await pool();
    expect(info.ownerReward.toBigInt()).toBeGreaterThan(0n);
    const stats = (await api.query.phalaMining.miners(await subAccount()))
      .unwrap()
      .stats.totalReward.toBigInt();
    expect(stats).toBeGreaterThan(0n);

    const before = await free(alice);
    const claimed = await send(api.tx.phalaStakePool.claimOwnerRewards(pid, alice.address), alice);
    expect(claimed.events).toContain('phalaStakePool.OwnerRewardsWithdrawn');
    expect(await free(alice)).toBeGreaterThan(before - PHA / 100n);
    const staker = await send(api.tx.phalaStakePool.claimStakerRewards(pid, bob.address), bob);
    expect(staker.events).toContain('phalaStakePool.StakerRewardsWithdrawn');
  });

  it('queues a withdrawal larger than the free stake, then fills it after stop, cooldown and reclaim', async () => {
    const bobStake = (await api.query.phalaStakePool.poolStakers([pid, bob.address])).unwrap();
    const withdrawn = await send(api.tx.phalaStakePool.withdraw(pid, bobStake.shares), bob);
    expect(withdrawn.events).toEqual(
      expect.arrayContaining(['phalaStakePool.Withdrawal', 'phalaStakePool.WithdrawalQueued']),
    );
    const queue = (await pool()).withdrawQueue;
    expect(queue.length).toBe(1);
    expect(queue[0].shares.toBigInt()).toBe(7_000n * PHA);

    const stopped = await send(api.tx.phalaStakePool.stopMining(pid, worker), alice);
    expect(stopped.error).toBe('phalaStakePool.FeatureNotEnabled');
    await send(api.tx.sudo.sudo(api.tx.phalaStakePool.setMiningEnable(true)), alice);
    expect((await send(api.tx.phalaStakePool.stopMining(pid, worker), alice)).events).toContain(
      'phalaMining.MinerStopped',
    );
    expect((await pool()).releasingStake.toBigInt()).toBe(12_000n * PHA);

    expect((await send(api.tx.phalaStakePool.reclaimPoolWorker(pid, worker), charlie)).error).toBe(
      'phalaMining.CoolDownNotReady',
    );
    const now = (await api.query.timestamp.now()).toNumber();
    await rpc('dev_timeTravel', [now + 7 * 24 * 3600 * 1000 + 12_000]);
    await rpc('dev_newBlock', [{}]);
    const reclaimed = await send(api.tx.phalaStakePool.reclaimPoolWorker(pid, worker), charlie);
    expect(reclaimed.events).toEqual(
      expect.arrayContaining([
        'phalaMining.MinerReclaimed',
        'phalaStakePool.WorkerReclaimed',
        'phalaStakePool.Withdrawal',
      ]),
    );
    expect((await pool()).withdrawQueue.length).toBe(0);
    expect((await api.query.phalaStakePool.stakeLedger(bob.address)).unwrapOr(0).toString()).toMatch(
      /^(0|1)$/,
    );
  });

  it('removes the worker once it is Ready', async () => {
    const removed = await send(api.tx.phalaStakePool.removeWorker(pid, worker), alice);
    expect(removed.events).toEqual(
      expect.arrayContaining(['phalaMining.MinerUnbound', 'phalaStakePool.PoolWorkerRemoved']),
    );
    expect((await pool()).workers.length).toBe(0);
  });
});
