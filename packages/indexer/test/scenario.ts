import { poolSubAccount } from '@phala-mining/core';
import { bmul, minStake, type TokenomicParameters } from '@phala-mining/math';
import type { TestChain } from '@phala-mining/testing';

export const PHA = 10n ** 12n;

export interface Scenario {
  workers: { pid: number; key: string }[];
  stakers: { pid: number; address: string }[];
}

type Codec = any;

/** Every old state stays queryable, which a backfill needs (the devchain's `--archive` does the same). */
export const ARCHIVE = { keepStates: Number.MAX_SAFE_INTEGER } as const;

/**
 * Two pools with mining workers and settlements, a commission, a cap, an immediate and a queued withdrawal, claims,
 * a forced stop (the queued withdrawal expires) and reclaims that serve the queue.
 */
export async function runScenario(chain: TestChain): Promise<Scenario> {
  const { api } = chain;
  const { alice, bob, charlie, dave, eve } = chain.accounts;
  const tx: Codec = api.tx.phalaStakePool;
  const send = (call: Codec, who: Codec) => chain.sendTx(call, who);
  const params = (await (api.query.phalaMining as Codec).tokenomicParameters()).unwrap();
  // only `k` enters Smin
  const smin = (score: number) => minStake({ k: BigInt(params.k.toString()) } as TokenomicParameters, score);

  await send(tx.create(), alice); // pool 0
  await send(tx.create(), dave); // pool 1
  await send(tx.setPayoutPref(0, 200_000), alice);
  await send(tx.setCap(0, 1_000_000n * PHA), alice);
  const w1 = await chain.registerWorker({ operator: alice, score: 2000 });
  const w2 = await chain.registerWorker({ operator: alice, score: 3000 });
  const w3 = await chain.registerWorker({ operator: dave, score: 2500 });
  await send(tx.addWorker(0, w1), alice);
  await send(tx.addWorker(0, w2), alice);
  await send(tx.addWorker(1, w3), dave);
  const s1 = smin(2000);
  const s2 = smin(3000);
  const s3 = smin(2500);
  await send(tx.contribute(0, s1 + s2), bob);
  await send(tx.contribute(0, 500n * PHA), charlie);
  await send(tx.contribute(1, s3 + 10n * PHA), eve);
  await send(tx.startMining(0, w1, s1), alice);
  await send(tx.startMining(0, w2, s2), alice);
  await send(tx.startMining(1, w3, s3), dave);
  for (const w of [w1, w2, w3]) await chain.setWorkerOnline(w, true);
  for (let i = 0; i < 3; i++) {
    await chain.timeTravel({ hours: 1 });
    await chain.settle();
  }
  // bob leaves: the free 500 PHA is paid now, the rest waits in the queue
  const bobShares = BigInt(
    (await (api.query.phalaStakePool as Codec).poolStakers([0, bob.address])).unwrap().shares.toString(),
  );
  await send(tx.withdraw(0, bobShares), bob);
  // eve joins pool 0 after the first rewards
  await send(tx.contribute(0, 50n * PHA), eve);
  for (let i = 0; i < 2; i++) {
    await chain.timeTravel({ hours: 1 });
    await chain.settle();
  }
  const claim = tx.claimStakerRewards ?? tx.claimRewards;
  const claimOwner = tx.claimOwnerRewards ?? tx.claimRewards;
  await send(claim(0, charlie.address), charlie);
  await send(claimOwner(0, alice.address), alice);
  // the queued withdrawal outlives the grace period: on_finalize stops every worker of pool 0
  await chain.timeTravel({ days: 7, hours: 1 });
  await chain.newBlocks(1);
  await chain.settle();
  await chain.timeTravel({ days: 7, hours: 1 });
  await send(tx.reclaimPoolWorker(0, w1), charlie);
  await send(tx.reclaimPoolWorker(0, w2), charlie);
  await chain.timeTravel({ hours: 1 });
  await chain.settle();
  await send(claim(1, eve.address), eve);
  await chain.newBlocks(2);
  return {
    workers: [
      { pid: 0, key: w1 },
      { pid: 0, key: w2 },
      { pid: 1, key: w3 },
    ],
    stakers: [
      { pid: 0, address: bob.address },
      { pid: 0, address: charlie.address },
      { pid: 0, address: eve.address },
      { pid: 1, address: eve.address },
    ],
  };
}

/** A miner's `stats.total_reward` on chain. */
export async function chainTotalReward(chain: TestChain, pid: number, worker: string): Promise<bigint> {
  const miner = poolSubAccount(BigInt(pid), worker);
  const info: Codec = await (chain.api.query.phalaMining as Codec).miners(miner);
  return BigInt(info.unwrap().stats.totalReward.toString());
}

/** A staker's claimable reward as the app shows it: available + pending. */
export async function chainClaimable(chain: TestChain, pid: number, address: string): Promise<bigint> {
  const q: Codec = chain.api.query.phalaStakePool;
  const [pool, user] = await Promise.all([q.stakePools(pid), q.poolStakers([pid, address])]);
  if (user.isNone) return 0n;
  const u = user.unwrap();
  const acc = BigInt(pool.unwrap().rewardAcc.toString());
  const pending = bmul(BigInt(u.shares.toString()), acc) - BigInt(u.rewardDebt.toString());
  return BigInt(u.availableRewards.toString()) + pending;
}
