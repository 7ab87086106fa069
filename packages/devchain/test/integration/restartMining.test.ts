/**
 * Spec §3.4 `restart_mining`: a mining worker restarts at once (no cooldown) with a strictly larger stake; a smaller
 * or equal stake fails with CannotRestartWithLessStake and the whole call is rolled back. Through stock
 * @polkadot/api over a real socket.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { big, createdPid, openScenario, PHA, registerWorker, type Scenario } from '../helpers/stockApi.js';

describe('restart_mining', () => {
  let s: Scenario;
  let alice: KeyringPair;
  let bob: KeyringPair;
  let pid: number;
  let worker: string;
  let miner: string;

  const pool = async () => (await s.api.query.phalaStakePool.stakePools(pid)).unwrap();
  const minerInfo = async () => (await s.api.query.phalaMining.miners(miner)).unwrap();
  const stake = async () => (await s.api.query.phalaMining.stakes(miner)).unwrap().toBigInt();

  beforeAll(async () => {
    s = await openScenario();
    ({ alice, bob } = s.keys);
    pid = createdPid(await s.send(s.api.tx.phalaStakePool.create(), alice));
    worker = await registerWorker(s, alice, 2000);
    expect((await s.send(s.api.tx.phalaStakePool.addWorker(pid, worker), alice)).error).toBeUndefined();
    miner = (await s.api.query.phalaMining.workerBindings(worker)).unwrap().toString();
    expect((await s.send(s.api.tx.phalaStakePool.contribute(pid, 5_000n * PHA), bob)).error).toBeUndefined();
    expect(
      (await s.send(s.api.tx.phalaStakePool.startMining(pid, worker, 5_000n * PHA), alice)).error,
    ).toBeUndefined();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('needs free stake, then the stop path (MiningEnabled, owner)', async () => {
    expect(
      (await s.send(s.api.tx.phalaStakePool.restartMining(pid, worker, 6_000n * PHA), alice)).error,
    ).toBe('phalaStakePool.InsufficientFreeStake');
    expect((await s.send(s.api.tx.phalaStakePool.contribute(pid, 2_000n * PHA), bob)).error).toBeUndefined();
    expect(
      (await s.send(s.api.tx.phalaStakePool.restartMining(pid, worker, 6_000n * PHA), alice)).error,
    ).toBe('phalaStakePool.FeatureNotEnabled');
    expect((await s.sudo(s.api.tx.phalaStakePool.setMiningEnable(true))).error).toBeUndefined();
    expect((await s.send(s.api.tx.phalaStakePool.restartMining(pid, worker, 6_000n * PHA), bob)).error).toBe(
      'phalaStakePool.UnauthorizedPoolOwner',
    );
  });

  it('restarts immediately with more stake: stop, reclaim without cooldown, start with a fresh Ve', async () => {
    const before = await minerInfo();
    const out = await s.send(s.api.tx.phalaStakePool.restartMining(pid, worker, 6_000n * PHA), alice);
    expect(out.error).toBeUndefined();
    const own = out.events.filter((e) => e.startsWith('phalaMining.') || e.startsWith('phalaStakePool.'));
    expect(own).toEqual([
      'phalaMining.MinerStopped',
      'phalaMining.MinerReclaimed',
      'phalaStakePool.WorkerReclaimed',
      'phalaMining.MinerStarted',
      'phalaStakePool.MiningStarted',
    ]);
    const reclaimed = out.decoded.find((e) => e.name === 'phalaMining.MinerReclaimed')!;
    expect(big(reclaimed.data.original_stake)).toBe(5_000n * PHA);
    const started = out.decoded.find((e) => e.name === 'phalaStakePool.MiningStarted')!;
    expect(big(started.data.amount)).toBe(6_000n * PHA);

    expect(await stake()).toBe(6_000n * PHA);
    const after = await minerInfo();
    expect(after.state.toString()).toBe('MiningIdle');
    // Ve grows with the stake: (1 + (re − 1)·conf)·(S + C).
    expect(after.ve.toBigInt()).toBeGreaterThan(before.ve.toBigInt());
    const p = await pool();
    expect(p.freeStake.toBigInt()).toBe(1_000n * PHA);
    expect(p.releasingStake.toBigInt()).toBe(0n);
    expect(p.totalStake.toBigInt()).toBe(7_000n * PHA);
    expect((await s.api.query.phalaMining.onlineMiners()).toNumber()).toBe(1);
  });

  it('refuses a smaller or equal stake with CannotRestartWithLessStake and changes nothing', async () => {
    // a gatekeeper settlement in one of these blocks would change the pool's reward accumulator on its own
    await s.rpc('phala_setGatekeeperPaused', [true]);
    const poolBefore = (await pool()).toHex();
    const minerBefore = (await minerInfo()).toHex();
    for (const amount of [5_500n * PHA, 6_000n * PHA]) {
      const out = await s.send(s.api.tx.phalaStakePool.restartMining(pid, worker, amount), alice);
      expect(out.error).toBe('phalaStakePool.CannotRestartWithLessStake');
      expect(
        out.events.filter((e) => e.startsWith('phalaMining.') || e.startsWith('phalaStakePool.')),
      ).toEqual([]);
    }
    expect((await pool()).toHex()).toBe(poolBefore);
    expect((await minerInfo()).toHex()).toBe(minerBefore);
    expect(await stake()).toBe(6_000n * PHA);
    await s.rpc('phala_setGatekeeperPaused', [false]);
  });

  it('more stake than the pool has free fails in the start path, rolled back', async () => {
    const out = await s.send(s.api.tx.phalaStakePool.restartMining(pid, worker, 8_000n * PHA), alice);
    expect(out.error).toBe('phalaStakePool.InsufficientFreeStake');
    expect((await minerInfo()).state.toString()).toBe('MiningIdle');
    expect(await stake()).toBe(6_000n * PHA);
  });
});
