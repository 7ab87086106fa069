/**
 * Spec §3.5 / §6.5: a queued withdrawal that free + releasing stake cannot cover forces every worker of the pool to
 * stop at the first block whose time is more than the 7-day grace period after the request — not at exactly 7 days
 * — whatever `MiningEnabled` says. Through stock @polkadot/api over a real socket.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { big, createdPid, openScenario, PHA, registerWorker, type Scenario } from '../helpers/stockApi.js';

const GRACE_PERIOD_S = 604_800;

describe('forced stop after the withdrawal grace period', () => {
  let s: Scenario;
  let alice: KeyringPair;
  let bob: KeyringPair;
  let pid: number;
  let workers: string[];
  let requestTime: number;

  const pool = async () => (await s.api.query.phalaStakePool.stakePools(pid)).unwrap();
  const minerOf = async (worker: string) =>
    (await s.api.query.phalaMining.workerBindings(worker)).unwrap().toString();
  const stateOf = async (worker: string) =>
    (await s.api.query.phalaMining.miners(await minerOf(worker))).unwrap().state.toString();

  beforeAll(async () => {
    s = await openScenario({ runtime: { miningEnabled: false } }); // the forced stop runs even with the switch off
    ({ alice, bob } = s.keys);
    pid = createdPid(await s.send(s.api.tx.phalaStakePool.create(), alice));
    workers = [];
    for (let i = 0; i < 3; i++) {
      const worker = await registerWorker(s, alice, 2000);
      expect((await s.send(s.api.tx.phalaStakePool.addWorker(pid, worker), alice)).error).toBeUndefined();
      workers.push(worker);
    }
    expect((await s.send(s.api.tx.phalaStakePool.contribute(pid, 10_000n * PHA), bob)).error).toBeUndefined();
    // Two workers take all the stake (Smin ≈ 4472 PHA at score 2000); the third stays Ready.
    for (const worker of workers.slice(0, 2)) {
      expect(
        (await s.send(s.api.tx.phalaStakePool.startMining(pid, worker, 5_000n * PHA), alice)).error,
      ).toBeUndefined();
    }
  });

  afterAll(async () => {
    await s?.close();
  });

  it('queues a withdrawal that no free or releasing stake covers', async () => {
    const out = await s.send(s.api.tx.phalaStakePool.withdraw(pid, 3_000n * PHA), bob);
    expect(out.events).toContain('phalaStakePool.WithdrawalQueued');
    expect(out.events).not.toContain('phalaStakePool.Withdrawal');
    const p = await pool();
    expect(p.freeStake.toBigInt()).toBe(0n);
    expect(p.releasingStake.toBigInt()).toBe(0n);
    requestTime = p.withdrawQueue[0].startTime.toNumber();
    expect(requestTime).toBe(Math.floor((await s.now()) / 1000));
    expect((await s.api.query.phalaStakePool.withdrawalTimestamps()).map((t: any) => t.toNumber())).toEqual([
      requestTime,
    ]);
    expect(
      (await s.api.query.phalaStakePool.withdrawalQueuedPools(requestTime))
        .unwrap()
        .map((x: any) => x.toNumber()),
    ).toEqual([pid]);
    expect((await s.api.query.phalaStakePool.miningEnabled()).isTrue).toBe(false);
  });

  it('does nothing in the block at exactly 7 days', async () => {
    await s.rpc('dev_timeTravel', [(requestTime + GRACE_PERIOD_S) * 1000]);
    const hash = await s.newBlocks(1);
    expect(Math.floor((await s.now()) / 1000) - requestTime).toBe(GRACE_PERIOD_S);
    const events = (await s.blockEvents(hash)).map((e) => e.name);
    expect(events).not.toContain('phalaMining.MinerStopped');
    for (const worker of workers.slice(0, 2)) expect(await stateOf(worker)).toBe('MiningIdle');
    expect((await s.api.query.phalaStakePool.withdrawalTimestamps()).length).toBe(1);
  });

  it('stops every mining worker of the pool in the next block, even with MiningEnabled off', async () => {
    const hash = await s.newBlocks(1);
    expect(Math.floor((await s.now()) / 1000) - requestTime).toBeGreaterThan(GRACE_PERIOD_S);
    const events = await s.blockEvents(hash);
    const stopped = events.filter((e) => e.name === 'phalaMining.MinerStopped').map((e) => e.data.miner);
    expect(stopped.sort()).toEqual([await minerOf(workers[0]!), await minerOf(workers[1]!)].sort());
    for (const worker of workers.slice(0, 2)) expect(await stateOf(worker)).toBe('MiningCoolingDown');
    // A Ready worker has nothing to stop (its error is ignored).
    expect(await stateOf(workers[2]!)).toBe('Ready');
    const p = await pool();
    expect(p.releasingStake.toBigInt()).toBe(10_000n * PHA);
    expect(p.withdrawQueue.length).toBe(1);
    expect((await s.api.query.phalaMining.onlineMiners()).toNumber()).toBe(0);
    // The bucket is examined once and dropped.
    expect((await s.api.query.phalaStakePool.withdrawalTimestamps()).length).toBe(0);
    expect((await s.api.query.phalaStakePool.withdrawalQueuedPools(requestTime)).isNone).toBe(true);
    expect((await s.blockEvents(await s.newBlocks(1))).map((e) => e.name)).not.toContain(
      'phalaMining.MinerStopped',
    );
  });

  it('after the cooldown a reclaim frees the stake and fills the request', async () => {
    await s.rpc('dev_timeTravel', [(await s.now()) + GRACE_PERIOD_S * 1000]);
    await s.newBlocks(1);
    const out = await s.send(s.api.tx.phalaStakePool.reclaimPoolWorker(pid, workers[0]), s.keys.charlie);
    const withdrawal = out.decoded.find((e) => e.name === 'phalaStakePool.Withdrawal')!;
    expect(withdrawal.data.user).toBe(bob.address);
    expect(big(withdrawal.data.amount)).toBe(3_000n * PHA);
    const p = await pool();
    expect(p.withdrawQueue.length).toBe(0);
    expect(p.freeStake.toBigInt()).toBe(2_000n * PHA);
    expect(p.releasingStake.toBigInt()).toBe(5_000n * PHA);
  });
});
