/**
 * The worked example of spec §6.10, to the planck, through stock @polkadot/api over a real socket.
 *
 * One documented divergence from the spec's model (steps 5 and 7): Khala's `settle_slash`, run before every
 * withdrawal, stores locked := dust-clean(min(locked, value of shares)) even when it slashes nothing. Bob's shares are
 * worth 1 planck less than he locked, so the chain drops that planck from `locked` at step 5 (StakeLedger and the
 * `phala/sp` lock keep it) and has no dust to remove at step 7. These tests assert the chain's behaviour; see
 * src/pallets/phala/stakepool and packages/math/src/pool.test.ts.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { big, createdPid, openScenario, PHA, registerWorker, type Scenario } from '../helpers/stockApi.js';

const ALICE_STAKE = 1000n * PHA;
const BOB_STAKE = 500_123_456_789_012n;
const BOB_SHARES = 500_123_456_789_011n;
const MINING_STAKE = 1400n * PHA;

describe('spec §6.10 worked example through @polkadot/api', () => {
  let s: Scenario;
  let alice: KeyringPair;
  let bob: KeyringPair;
  let charlie: KeyringPair;
  let pid: number;
  let worker: string;

  const pool = async () => (await s.api.query.phalaStakePool.stakePools(pid)).unwrap();
  const staker = async (who: KeyringPair) =>
    (await s.api.query.phalaStakePool.poolStakers([pid, who.address])).unwrap();
  const ledger = async (who: KeyringPair) =>
    (await s.api.query.phalaStakePool.stakeLedger(who.address)).unwrap().toBigInt();
  const stakeLock = async (who: KeyringPair) =>
    ((await s.api.query.balances.locks(who.address)) as any[])
      .find((l) => l.id.toHuman() === 'phala/sp')
      ?.amount.toBigInt();
  const poolFigures = async () => {
    const p = await pool();
    return {
      totalShares: p.totalShares.toBigInt(),
      totalStake: p.totalStake.toBigInt(),
      freeStake: p.freeStake.toBigInt(),
      releasingStake: p.releasingStake.toBigInt(),
    };
  };

  beforeAll(async () => {
    s = await openScenario({ runtime: { miningEnabled: false } }); // walks the switch from off to on
    ({ alice, bob, charlie } = s.keys);
    pid = createdPid(await s.send(s.api.tx.phalaStakePool.create(), alice));
    await s.send(s.api.tx.phalaStakePool.setPayoutPref(pid, 100_000), alice);
    // Score 100: Smin = k·√p = 100·√100 = 1000 PHA with the dev chain's genesis parameters, so 1400 PHA may mine.
    worker = await registerWorker(s, alice, 100);
    expect((await s.send(s.api.tx.phalaStakePool.addWorker(pid, worker), alice)).error).toBeUndefined();
    // The example has exactly one reward; the simulated gatekeeper would otherwise pay mining rewards too.
    await s.rpc('phala_setGatekeeperPaused', [true]);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('1. Alice contributes 1000 PHA: first deposit, shares = amount', async () => {
    const out = await s.send(s.api.tx.phalaStakePool.contribute(pid, ALICE_STAKE), alice);
    const e = out.decoded.find((d) => d.name === 'phalaStakePool.Contribution')!;
    expect(big(e.data.amount)).toBe(ALICE_STAKE);
    expect(big(e.data.shares)).toBe(1_000_000_000_000_000n);
  });

  it('2. Bob contributes 500,123,456,789,012 planck at price 1.0 and gets 1 share less (truncation)', async () => {
    const out = await s.send(s.api.tx.phalaStakePool.contribute(pid, BOB_STAKE), bob);
    const e = out.decoded.find((d) => d.name === 'phalaStakePool.Contribution')!;
    expect(big(e.data.amount)).toBe(BOB_STAKE);
    expect(big(e.data.shares)).toBe(BOB_SHARES);
    expect(await poolFigures()).toEqual({
      totalShares: 1_500_123_456_789_011n,
      totalStake: 1_500_123_456_789_012n,
      freeStake: 1_500_123_456_789_012n,
      releasingStake: 0n,
    });
    expect((await staker(bob)).locked.toBigInt()).toBe(BOB_STAKE);
    expect(await ledger(bob)).toBe(BOB_STAKE);
  });

  it('3. a root reward of 15 PHA: 10 % commission, accumulator bits, pending rewards 1 planck short of 13.5 PHA', async () => {
    expect((await s.send(s.api.tx.phalaStakePool.forceAssignReward([[pid, 15n * PHA]]), alice)).error).toBe(
      'BadOrigin',
    );
    const out = await s.sudo(s.api.tx.phalaStakePool.forceAssignReward([[pid, 15n * PHA]]));
    expect(out.error).toBeUndefined();
    const received = out.decoded.find((d) => d.name === 'phalaStakePool.RewardReceived')!;
    expect(big(received.data.pid)).toBe(BigInt(pid));
    expect(big(received.data.to_owner)).toBe(1_500_000_000_000n);
    expect(big(received.data.to_stakers)).toBe(13_500_000_000_000n);
    const p = await pool();
    expect(p.ownerReward.toBigInt()).toBe(1_500_000_000_000n);
    expect(p.rewardAcc.toBigInt()).toBe(166_007_033_533_177_132n);

    // Alice's pending reward, settled and paid by a claim (transferred from the subsidy pool).
    const claimed = await s.send(s.api.tx.phalaStakePool.claimStakerRewards(pid, alice.address), alice);
    const paid = claimed.decoded.find((d) => d.name === 'phalaStakePool.StakerRewardsWithdrawn')!;
    expect(big(paid.data.amount)).toBe(8_999_259_320_227n);
    expect(8_999_259_320_227n + 4_500_740_679_772n).toBe(13_500_000_000_000n - 1n);
  });

  it('4. start_mining with 1400 PHA leaves 100,123,456,789,012 planck free', async () => {
    const out = await s.send(s.api.tx.phalaStakePool.startMining(pid, worker, MINING_STAKE), alice);
    expect(out.events).toEqual(
      expect.arrayContaining(['phalaMining.MinerStarted', 'phalaStakePool.MiningStarted']),
    );
    expect((await pool()).freeStake.toBigInt()).toBe(100_123_456_789_012n);
  });

  it('5. Bob withdraws all his shares: an immediate part and a queued part', async () => {
    const out = await s.send(s.api.tx.phalaStakePool.withdraw(pid, BOB_SHARES), bob);
    const own = out.decoded.filter((d) => d.name.startsWith('phalaStakePool.'));
    expect(own.map((d) => d.name)).toEqual(['phalaStakePool.Withdrawal', 'phalaStakePool.WithdrawalQueued']);
    expect(big(own[0]!.data.amount)).toBe(100_123_456_789_011n);
    expect(big(own[0]!.data.shares)).toBe(100_123_456_789_011n);
    expect(big(own[1]!.data.shares)).toBe(400_000_000_000_000n);
    expect(await poolFigures()).toEqual({
      totalShares: 1_400_000_000_000_000n,
      totalStake: 1_400_000_000_000_001n,
      freeStake: 1n,
      releasingStake: 0n,
    });
    const queue = (await pool()).withdrawQueue;
    expect(queue.length).toBe(1);
    expect(queue[0].user.toString()).toBe(bob.address);
    expect(queue[0].shares.toBigInt()).toBe(400_000_000_000_000n);
    expect(queue[0].startTime.toNumber()).toBe(Math.floor((await s.now()) / 1000));

    const b = await staker(bob);
    expect(b.shares.toBigInt()).toBe(400_000_000_000_000n);
    // Spec model: 400,000,000,000,001. Chain: settle_slash already stored locked = value of the shares (see header).
    expect(b.locked.toBigInt()).toBe(400_000_000_000_000n);
    expect(b.availableRewards.toBigInt()).toBe(4_500_740_679_772n);
    // The ledger and the lock only drop by what was paid out, so they still hold the planck.
    expect(await ledger(bob)).toBe(BOB_STAKE - 100_123_456_789_011n);
    expect(await stakeLock(bob)).toBe(400_000_000_000_001n);
  });

  it('6. stop_mining (after root enables the switch) moves 1400 PHA to releasing', async () => {
    expect((await s.send(s.api.tx.phalaStakePool.stopMining(pid, worker), alice)).error).toBe(
      'phalaStakePool.FeatureNotEnabled',
    );
    expect((await s.sudo(s.api.tx.phalaStakePool.setMiningEnable(true))).error).toBeUndefined();
    const out = await s.send(s.api.tx.phalaStakePool.stopMining(pid, worker), alice);
    expect(out.events).toContain('phalaMining.MinerStopped');
    expect(await poolFigures()).toEqual({
      totalShares: 1_400_000_000_000_000n,
      totalStake: 1_400_000_000_000_001n,
      freeStake: 1n,
      releasingStake: MINING_STAKE,
    });
  });

  it('7. after 7 days reclaim frees 1,400,000,000,000,001 planck and serves the queue', async () => {
    expect((await s.send(s.api.tx.phalaStakePool.reclaimPoolWorker(pid, worker), charlie)).error).toBe(
      'phalaMining.CoolDownNotReady',
    );
    await s.rpc('dev_timeTravel', [(await s.now()) + 7 * 24 * 3600 * 1000]);
    await s.newBlocks(1);
    const out = await s.send(s.api.tx.phalaStakePool.reclaimPoolWorker(pid, worker), charlie);
    const relevant = out.decoded.filter(
      (d) => d.name.startsWith('phalaStakePool.') || d.name.startsWith('phalaMining.'),
    );
    // Chain: no DustRemoved here (the spec's model has DustRemoved{amount: 1} for Bob's leftover planck).
    expect(relevant.map((d) => d.name)).toEqual([
      'phalaMining.MinerReclaimed',
      'phalaStakePool.Withdrawal',
      'phalaStakePool.WorkerReclaimed',
    ]);
    expect(big(relevant[0]!.data.original_stake)).toBe(MINING_STAKE);
    expect(big(relevant[0]!.data.slashed)).toBe(0n);
    expect(relevant[1]!.data.user).toBe(bob.address);
    expect(big(relevant[1]!.data.amount)).toBe(400_000_000_000_000n);
    expect(big(relevant[1]!.data.shares)).toBe(400_000_000_000_000n);
    expect(big(relevant[2]!.data.original_stake)).toBe(MINING_STAKE);

    // Reclaim made the free stake 1 + 1400 PHA = 1,400,000,000,000,001; the queue then took 4e14 of it.
    expect(await poolFigures()).toEqual({
      totalShares: 1_000_000_000_000_000n,
      totalStake: 1_000_000_000_000_001n,
      freeStake: 1_400_000_000_000_001n - 400_000_000_000_000n,
      releasingStake: 0n,
    });
    expect((await pool()).withdrawQueue.length).toBe(0);
    const b = await staker(bob);
    expect(b.shares.toBigInt()).toBe(0n);
    expect(b.locked.toBigInt()).toBe(0n);
    expect(b.availableRewards.toBigInt()).toBe(4_500_740_679_772n);
    // The planck that left `locked` at step 5 stays in Bob's ledger and lock.
    expect(await ledger(bob)).toBe(1n);
    expect(await stakeLock(bob)).toBe(1n);
  });

  it("Bob's and the owner's rewards remain claimable", async () => {
    const bobClaim = await s.send(s.api.tx.phalaStakePool.claimStakerRewards(pid, bob.address), bob);
    const bobPaid = bobClaim.decoded.find((d) => d.name === 'phalaStakePool.StakerRewardsWithdrawn')!;
    expect(big(bobPaid.data.amount)).toBe(4_500_740_679_772n);
    const ownerClaim = await s.send(s.api.tx.phalaStakePool.claimOwnerRewards(pid, alice.address), alice);
    const ownerPaid = ownerClaim.decoded.find((d) => d.name === 'phalaStakePool.OwnerRewardsWithdrawn')!;
    expect(big(ownerPaid.data.amount)).toBe(1_500_000_000_000n);
    expect((await s.send(s.api.tx.phalaStakePool.claimStakerRewards(pid, bob.address), bob)).error).toBe(
      'phalaStakePool.NoRewardToClaim',
    );
  });
});
