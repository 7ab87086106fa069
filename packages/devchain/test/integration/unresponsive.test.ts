/**
 * Spec §6.8 / §8: a simulated worker that stops answering challenges is reported offline by the gatekeeper once its
 * oldest unanswered challenge is more than heartbeat_window blocks old (MinerEnterUnresponsive, MiningUnresponsive);
 * its next heartbeat brings it back (MinerExitUnresponsive); stop_mining works from MiningUnresponsive too. Through
 * stock @polkadot/api over a real socket; challenges come from root `force_heartbeat` (every worker must answer).
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdPid, openScenario, PHA, registerWorker, type Scenario } from '../helpers/stockApi.js';

describe('unresponsive workers and recovery', () => {
  let s: Scenario;
  let alice: KeyringPair;
  let pid: number;
  let worker: string;
  let miner: string;
  let window: number;

  const state = async () => (await s.api.query.phalaMining.miners(miner)).unwrap().state.toString();
  /** a challenge every worker must answer, in its own block; returns that block's number */
  const challengeAll = async () =>
    s.blockNumber((await s.sudo(s.api.tx.phalaMining.forceHeartbeat())).blockHash);
  /** builds blocks one by one until `name` shows up for the miner; returns the block number */
  const blocksUntil = async (name: string, limit: number) => {
    for (let i = 0; i < limit; i++) {
      const hash = await s.newBlocks(1);
      const events = await s.blockEvents(hash);
      if (events.some((e) => e.name === name && e.data.miner === miner)) return s.blockNumber(hash);
    }
    throw new Error(`no ${name} within ${limit} blocks`);
  };

  beforeAll(async () => {
    s = await openScenario();
    ({ alice } = s.keys);
    pid = createdPid(await s.send(s.api.tx.phalaStakePool.create(), alice));
    worker = await registerWorker(s, alice, 2000);
    expect((await s.send(s.api.tx.phalaStakePool.addWorker(pid, worker), alice)).error).toBeUndefined();
    miner = (await s.api.query.phalaMining.workerBindings(worker)).unwrap().toString();
    expect(
      (await s.send(s.api.tx.phalaStakePool.contribute(pid, 5_000n * PHA), alice)).error,
    ).toBeUndefined();
    expect(
      (await s.send(s.api.tx.phalaStakePool.startMining(pid, worker, 5_000n * PHA), alice)).error,
    ).toBeUndefined();
    window = (await s.api.query.phalaMining.tokenomicParameters()).unwrap().heartbeatWindow.toNumber();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('an online worker answers the challenge and stays MiningIdle', async () => {
    const challenged = await challengeAll();
    const events = await s.blockEvents((await s.api.rpc.chain.getBlockHash(challenged)).toHex());
    expect(events.some((e) => e.name === 'phalaMining.BenchmarkUpdated' && e.data.miner === miner)).toBe(
      true,
    );
    await s.newBlocks(window + 2);
    expect(await state()).toBe('MiningIdle');
  });

  it('offline: reported by the gatekeeper heartbeat_window + 1 blocks after the unanswered challenge', async () => {
    // phala_setWorkerOnline builds a block of its own, and that block's random challenge (the chain issues one each
    // block; whether this worker must answer depends on the block's seed) may already be one the offline worker
    // leaves unanswered — then it is the oldest, one block before the forced one.
    const offlineBlock = await s.blockNumber(await s.rpc<string>('phala_setWorkerOnline', [worker, false]));
    const challenged = await challengeAll();
    expect(challenged).toBe(offlineBlock + 1);
    const entered = await blocksUntil('phalaMining.MinerEnterUnresponsive', window + 5);
    // offline once the oldest unanswered challenge is more than heartbeat_window blocks old
    expect([offlineBlock + window + 1, challenged + window + 1]).toContain(entered);
    expect(await state()).toBe('MiningUnresponsive');
    // counted as online miner still (it is mining, just not responding)
    expect((await s.api.query.phalaMining.onlineMiners()).toNumber()).toBe(1);
    await s.newBlocks(3);
    expect(await state()).toBe('MiningUnresponsive');
  });

  it('back online: the next heartbeat recovers it (MinerExitUnresponsive → MiningIdle)', async () => {
    await s.rpc('phala_setWorkerOnline', [worker, true]);
    const out = await s.sudo(s.api.tx.phalaMining.forceHeartbeat());
    const events = await s.blockEvents(out.blockHash);
    expect(events.some((e) => e.name === 'phalaMining.MinerExitUnresponsive' && e.data.miner === miner)).toBe(
      true,
    );
    expect(await state()).toBe('MiningIdle');
  });

  it('stop_mining works from MiningUnresponsive', async () => {
    await s.rpc('phala_setWorkerOnline', [worker, false]);
    await challengeAll();
    await blocksUntil('phalaMining.MinerEnterUnresponsive', window + 5);
    expect(await state()).toBe('MiningUnresponsive');
    expect((await s.sudo(s.api.tx.phalaStakePool.setMiningEnable(true))).error).toBeUndefined();
    const out = await s.send(s.api.tx.phalaStakePool.stopMining(pid, worker), alice);
    expect(out.error).toBeUndefined();
    expect(out.events).toContain('phalaMining.MinerStopped');
    expect(await state()).toBe('MiningCoolingDown');
    expect((await s.api.query.phalaStakePool.stakePools(pid)).unwrap().releasingStake.toBigInt()).toBe(
      5_000n * PHA,
    );
    expect((await s.api.query.phalaMining.onlineMiners()).toNumber()).toBe(0);
  });
});
