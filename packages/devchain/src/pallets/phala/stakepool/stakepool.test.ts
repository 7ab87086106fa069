import { describe, expect, it } from 'vitest';
import {
  advance,
  alice,
  bob,
  callStakePool as call,
  charlie,
  createPool,
  DAY,
  dave,
  err,
  expectFailure,
  free,
  names,
  stakePoolExt as newExt,
  own,
  PHA,
  poolWithWorkers,
  putWorker as registerWorker,
  root,
  SUBSIDY_POOL_ACCOUNT,
  signed,
  stakeLock,
  TREASURY_ACCOUNT,
  worker,
} from '../../../../test/helpers/palletTest.js';
import type { Ext } from '../../../runtime/ext.js';
import { Miners } from '../mining/index.js';
import {
  MAX_POOL_WORKERS,
  MiningEnabled,
  PoolContributionWhitelists,
  PoolCount,
  PoolDescriptions,
  PoolStakers,
  poolSubAccount,
  StakeLedger,
  StakePools,
  SubAccountPreimages,
  WorkerAssignments,
} from './index.js';

const W1 = worker(1);
const W2 = worker(2);
const W3 = worker(3);
const pool = (ext: Ext, pid: bigint) => StakePools.get(ext.state, pid)!;
const staker = (ext: Ext, pid: bigint, who: typeof alice) => PoolStakers.get(ext.state, [pid, who]);
const enableMining = (ext: Ext) => call(ext, root, 'set_mining_enable', { enable: true });

describe('pool sub-account', () => {
  it('matches the spec test vector', () => {
    expect(poolSubAccount(0n, worker(1))).toBe(
      '0x73706d2f803c9328556c016cedafac785969cbfc41cd3f3e6948ee5d3e5bebec',
    );
  });
});

/**
 * Every number of the spec's example is reproduced except Bob's `locked` after step 5 and the DustRemoved of step 7:
 * Khala's `settle_slash` (run before each withdrawal) stores locked := dust-clean(min(locked, value of shares)) even
 * when it then slashes nothing, and Bob's shares are worth 1 planck less than he locked. So the chain drops that planck
 * from `locked` (but not from StakeLedger or the lock) at step 5, and nothing is left to remove as dust at step 7.
 * The spec's model skipped that write; the math module documents the same divergence.
 */
describe('§6.10 worked example, to the planck', () => {
  it('contributions, reward, start, split withdrawal, stop, reclaim with queue service', () => {
    const ext = newExt();
    const pid = poolWithWorkers(ext, alice, [W1]);
    call(ext, signed(alice), 'set_payout_pref', { pid, payout_commission: 100_000 });

    // 1. Alice: first deposit, price 1.
    let ev = own(call(ext, signed(alice), 'contribute', { pid, amount: 1000n * PHA }));
    expect(ev).toEqual([
      ['Contribution', { pid, user: alice, amount: 1000n * PHA, shares: 1_000_000_000_000_000n }],
    ]);
    // 2. Bob: price exactly 1.0, one planck lost to the round trip through U64F64.
    ev = own(call(ext, signed(bob), 'contribute', { pid, amount: 500_123_456_789_012n }));
    expect(ev).toEqual([
      ['Contribution', { pid, user: bob, amount: 500_123_456_789_012n, shares: 500_123_456_789_011n }],
    ]);
    expect(stakeLock(ext, bob)).toBe(500_123_456_789_012n);

    // 3. A 15 PHA reward with 10% commission.
    ev = own(call(ext, root, 'force_assign_reward', { reward_arr: [[pid, 15n * PHA]] }));
    expect(ev).toEqual([
      ['RewardReceived', { pid, to_owner: 1_500_000_000_000n, to_stakers: 13_500_000_000_000n }],
    ]);
    expect(pool(ext, pid).reward_acc).toBe(166_007_033_533_177_132n);
    expect(pool(ext, pid).owner_reward).toBe(1_500_000_000_000n);

    // 4. start mining with 1400 PHA.
    const events = call(ext, signed(alice), 'start_mining', { pid, worker: W1, stake: 1400n * PHA });
    expect(names(events)).toEqual(['PhalaMining.MinerStarted', 'PhalaStakePool.MiningStarted']);
    expect(pool(ext, pid).free_stake).toBe(100_123_456_789_012n);

    // 5. Bob withdraws everything: what is free now, the rest queued.
    ev = own(call(ext, signed(bob), 'withdraw', { pid, shares: 500_123_456_789_011n }));
    expect(ev).toEqual([
      ['Withdrawal', { pid, user: bob, amount: 100_123_456_789_011n, shares: 100_123_456_789_011n }],
      ['WithdrawalQueued', { pid, user: bob, shares: 400_000_000_000_000n }],
    ]);
    let p = pool(ext, pid);
    expect([p.total_shares, p.total_stake, p.free_stake]).toEqual([
      1_400_000_000_000_000n,
      1_400_000_000_000_001n,
      1n,
    ]);
    expect(staker(ext, pid, bob)!.locked).toBe(400_000_000_000_000n);
    expect(StakeLedger.get(ext.state, bob)).toBe(400_000_000_000_001n);
    // Bob's reward was settled on the way: bmul(shares, acc) as of the reward.
    expect(staker(ext, pid, bob)!.available_rewards).toBe(4_500_740_679_772n);
    expect(stakeLock(ext, bob)).toBe(400_000_000_000_001n);

    // 6. stop → releasing.
    enableMining(ext);
    call(ext, signed(alice), 'stop_mining', { pid, worker: W1 });
    expect(pool(ext, pid).releasing_stake).toBe(1400n * PHA);

    // 7. reclaim after the cooldown: the queue is served.
    advance(ext, 7 * DAY);
    const treasuryBefore = free(ext, TREASURY_ACCOUNT);
    const bobBefore = free(ext, bob);
    const all = call(ext, signed(charlie), 'reclaim_pool_worker', { pid, worker: W1 });
    expect(names(all)[0]).toBe('PhalaMining.MinerReclaimed');
    expect(own(all)).toEqual([
      ['Withdrawal', { pid, user: bob, amount: 400_000_000_000_000n, shares: 400_000_000_000_000n }],
      ['WorkerReclaimed', { pid, worker: W1, original_stake: 1400n * PHA }],
    ]);
    p = pool(ext, pid);
    expect([p.total_shares, p.total_stake, p.free_stake, p.releasing_stake]).toEqual([
      1_000_000_000_000_000n,
      1_000_000_000_000_001n,
      1_000_000_000_000_001n,
      0n,
    ]);
    expect(p.withdraw_queue).toEqual([]);
    const b = staker(ext, pid, bob)!;
    expect([b.shares, b.locked, b.available_rewards]).toEqual([0n, 0n, 4_500_740_679_772n]);
    // The planck dropped from `locked` at step 5 stays in the ledger and keeps a 1 planck lock, as on Khala.
    expect(StakeLedger.get(ext.state, bob)).toBe(1n);
    expect(stakeLock(ext, bob)).toBe(1n);
    expect(free(ext, bob)).toBe(bobBefore);
    expect(free(ext, TREASURY_ACCOUNT)).toBe(treasuryBefore);

    // Claims are paid from the subsidy pool.
    const subsidyBefore = free(ext, SUBSIDY_POOL_ACCOUNT);
    ev = own(call(ext, signed(bob), 'claim_staker_rewards', { pid, target: dave }));
    expect(ev).toEqual([['StakerRewardsWithdrawn', { pid, user: bob, amount: 4_500_740_679_772n }]]);
    ev = own(call(ext, signed(alice), 'claim_rewards', { pid, target: alice }));
    expect(ev).toEqual([
      ['RewardsWithdrawn', { pid, user: alice, amount: 1_500_000_000_000n + 8_999_259_320_227n }],
    ]);
    expect(subsidyBefore - free(ext, SUBSIDY_POOL_ACCOUNT)).toBe(
      4_500_740_679_772n + 1_500_000_000_000n + 8_999_259_320_227n,
    );
  });
});

describe('pool administration', () => {
  it('create assigns consecutive pids and needs a signed origin', () => {
    const ext = newExt();
    expect(own(call(ext, signed(alice), 'create'))).toEqual([['PoolCreated', { owner: alice, pid: 0n }]]);
    expect(own(call(ext, signed(bob), 'create'))).toEqual([['PoolCreated', { owner: bob, pid: 1n }]]);
    expect(PoolCount.get(ext.state)).toBe(2n);
    expect(pool(ext, 1n)).toMatchObject({
      owner: bob,
      cap: undefined,
      payout_commission: undefined,
      workers: [],
      withdraw_queue: [],
    });
    expectFailure(ext, root, 'create', {}, badOriginError());
  });

  it('add_worker: every check in order, then binds the sub-account', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    createPool(ext, bob); // pid 1
    const args = { pid, pubkey: W1 };
    expectFailure(ext, signed(alice), 'add_worker', args, err('WorkerNotRegistered'));
    registerWorker(ext, W1, bob, null);
    expectFailure(ext, signed(alice), 'add_worker', args, err('UnauthorizedOperator'));
    registerWorker(ext, W1, alice, null);
    expectFailure(ext, signed(alice), 'add_worker', args, err('BenchmarkMissing'));
    registerWorker(ext, W1, alice, 100);
    expectFailure(ext, signed(alice), 'add_worker', { pid: 9n, pubkey: W1 }, err('PoolDoesNotExist'));
    expectFailure(ext, signed(alice), 'add_worker', { pid: 1n, pubkey: W1 }, err('UnauthorizedPoolOwner'));
    const events = call(ext, signed(alice), 'add_worker', args);
    const miner = poolSubAccount(pid, W1);
    expect(names(events)).toEqual(['PhalaMining.MinerBound', 'PhalaStakePool.PoolWorkerAdded']);
    expect(own(events)).toEqual([['PoolWorkerAdded', { pid, worker: W1, miner }]]);
    expect(pool(ext, pid).workers).toEqual([W1]);
    expect(WorkerAssignments.get(ext.state, W1)).toBe(pid);
    expect(SubAccountPreimages.get(ext.state, miner)).toEqual([pid, W1]);
    expectFailure(ext, signed(alice), 'add_worker', args, err('WorkerExists'));
    // Already bound through pool 0: binding it to pool 2's sub-account fails inside PhalaMining.
    const pid2 = createPool(ext, alice);
    expectFailure(
      ext,
      signed(alice),
      'add_worker',
      { pid: pid2, pubkey: W1 },
      err('FailedToBindMinerAndWorker'),
    );
  });

  it('add_worker: at most MaxPoolWorkers workers', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    const p = pool(ext, pid);
    StakePools.set(ext.state, pid, {
      ...p,
      workers: Array.from({ length: MAX_POOL_WORKERS }, (_, i) => worker(i + 10)),
    });
    registerWorker(ext, W1, alice);
    expectFailure(ext, signed(alice), 'add_worker', { pid, pubkey: W1 }, err('WorkersExceedLimit'));
    StakePools.set(ext.state, pid, {
      ...p,
      workers: Array.from({ length: MAX_POOL_WORKERS - 1 }, (_, i) => worker(i + 10)),
    });
    call(ext, signed(alice), 'add_worker', { pid, pubkey: W1 });
    expect(pool(ext, pid).workers).toHaveLength(MAX_POOL_WORKERS);
  });

  it('remove_worker: checks, Ready only (1192), unbinds without notification', () => {
    const ext = newExt();
    const pid = poolWithWorkers(ext, alice, [W1, W2]);
    const other = poolWithWorkers(ext, alice, [W3]);
    createPool(ext, bob);
    const args = { pid, worker: W1 };
    expectFailure(ext, signed(alice), 'remove_worker', { pid: 9n, worker: W1 }, err('PoolDoesNotExist'));
    expectFailure(ext, signed(bob), 'remove_worker', args, err('UnauthorizedPoolOwner'));
    expectFailure(ext, signed(alice), 'remove_worker', { pid, worker: worker(9) }, err('WorkerDoesNotExist'));
    expectFailure(ext, signed(alice), 'remove_worker', { pid, worker: W3 }, err('WorkerInAnotherPool'));
    // An assignment without a miner record (only reachable by corrupt state).
    WorkerAssignments.set(ext.state, worker(9), pid);
    expectFailure(ext, signed(alice), 'remove_worker', { pid, worker: worker(9) }, err('MinerDoesNotExist'));
    WorkerAssignments.remove(ext.state, worker(9));
    call(ext, signed(alice), 'contribute', { pid, amount: 2000n * PHA });
    call(ext, signed(alice), 'start_mining', { pid, worker: W2, stake: 1000n * PHA });
    expectFailure(ext, signed(alice), 'remove_worker', { pid, worker: W2 }, err('WorkerIsNotReady'));

    const events = call(ext, signed(alice), 'remove_worker', args);
    expect(names(events)).toEqual(['PhalaMining.MinerUnbound', 'PhalaStakePool.PoolWorkerRemoved']);
    expect(own(events)).toEqual([['PoolWorkerRemoved', { pid, worker: W1 }]]);
    expect(pool(ext, pid).workers).toEqual([W2]);
    expect(WorkerAssignments.get(ext.state, W1)).toBeUndefined();
    // The miner record and the preimage stay.
    expect(Miners.get(ext.state, poolSubAccount(pid, W1))?.state).toBe('Ready');
    expect(SubAccountPreimages.get(ext.state, poolSubAccount(pid, W1))).toEqual([pid, W1]);
    expect(pool(ext, other).workers).toEqual([W3]);
  });

  it('set_cap and set_payout_pref', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    expectFailure(ext, signed(alice), 'set_cap', { pid: 9n, cap: 1n }, err('PoolDoesNotExist'));
    expectFailure(ext, signed(bob), 'set_cap', { pid, cap: 1n }, err('UnauthorizedPoolOwner'));
    call(ext, signed(alice), 'contribute', { pid, amount: 100n * PHA });
    expectFailure(ext, signed(alice), 'set_cap', { pid, cap: 100n * PHA - 1n }, err('InadequateCapacity'));
    expect(own(call(ext, signed(alice), 'set_cap', { pid, cap: 100n * PHA }))).toEqual([
      ['PoolCapacitySet', { pid, cap: 100n * PHA }],
    ]);
    expect(pool(ext, pid).cap).toBe(100n * PHA);

    expectFailure(
      ext,
      signed(alice),
      'set_payout_pref',
      { pid: 9n, payout_commission: 1 },
      err('PoolDoesNotExist'),
    );
    expectFailure(
      ext,
      signed(bob),
      'set_payout_pref',
      { pid, payout_commission: 1 },
      err('UnauthorizedPoolOwner'),
    );
    expect(own(call(ext, signed(alice), 'set_payout_pref', { pid, payout_commission: 250_000 }))).toEqual([
      ['PoolCommissionSet', { pid, commission: 250_000 }],
    ]);
    expect(pool(ext, pid).payout_commission).toBe(250_000);
  });

  it('whitelist: created lazily, bounded, owner always allowed, deleted with its last staker', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    expectFailure(
      ext,
      signed(alice),
      'add_staker_to_whitelist',
      { pid: 9n, staker: bob },
      err('PoolDoesNotExist'),
    );
    expectFailure(
      ext,
      signed(bob),
      'add_staker_to_whitelist',
      { pid, staker: bob },
      err('UnauthorizedPoolOwner'),
    );
    expectFailure(
      ext,
      signed(alice),
      'remove_staker_from_whitelist',
      { pid: 9n, staker: bob },
      err('PoolDoesNotExist'),
    );
    expectFailure(
      ext,
      signed(bob),
      'remove_staker_from_whitelist',
      { pid, staker: bob },
      err('UnauthorizedPoolOwner'),
    );
    expectFailure(
      ext,
      signed(alice),
      'remove_staker_from_whitelist',
      { pid, staker: bob },
      err('NoWhitelistCreated'),
    );

    expect(own(call(ext, signed(alice), 'add_staker_to_whitelist', { pid, staker: bob }))).toEqual([
      ['PoolWhitelistCreated', { pid }],
      ['PoolWhitelistStakerAdded', { pid, staker: bob }],
    ]);
    expect(own(call(ext, signed(alice), 'add_staker_to_whitelist', { pid, staker: charlie }))).toEqual([
      ['PoolWhitelistStakerAdded', { pid, staker: charlie }],
    ]);
    expectFailure(
      ext,
      signed(alice),
      'add_staker_to_whitelist',
      { pid, staker: bob },
      err('AlreadyInContributeWhitelist'),
    );
    expectFailure(
      ext,
      signed(alice),
      'remove_staker_from_whitelist',
      { pid, staker: dave },
      err('NotInContributeWhitelist'),
    );

    // Contributions: listed stakers and the owner only.
    expectFailure(ext, signed(dave), 'contribute', { pid, amount: PHA }, err('NotInContributeWhitelist'));
    call(ext, signed(bob), 'contribute', { pid, amount: PHA });
    call(ext, signed(alice), 'contribute', { pid, amount: PHA });

    expect(own(call(ext, signed(alice), 'remove_staker_from_whitelist', { pid, staker: bob }))).toEqual([
      ['PoolWhitelistStakerRemoved', { pid, staker: bob }],
    ]);
    expect(PoolContributionWhitelists.get(ext.state, pid)).toEqual([charlie]);
    expect(own(call(ext, signed(alice), 'remove_staker_from_whitelist', { pid, staker: charlie }))).toEqual([
      ['PoolWhitelistStakerRemoved', { pid, staker: charlie }],
      ['PoolWhitelistDeleted', { pid }],
    ]);
    expect(PoolContributionWhitelists.get(ext.state, pid)).toBeUndefined();
    call(ext, signed(dave), 'contribute', { pid, amount: PHA }); // open again

    const full = Array.from({ length: 100 }, (_, i) => worker(i + 100));
    PoolContributionWhitelists.set(ext.state, pid, full);
    expectFailure(
      ext,
      signed(alice),
      'add_staker_to_whitelist',
      { pid, staker: bob },
      err('ExceedWhitelistMaxLen'),
    );
  });

  it('set_pool_description stores up to 4400 bytes; longer input does not even decode', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    const text = `0x${'61'.repeat(4400)}`;
    expectFailure(
      ext,
      signed(alice),
      'set_pool_description',
      { pid: 9n, description: '0x01' },
      err('PoolDoesNotExist'),
    );
    expectFailure(
      ext,
      signed(bob),
      'set_pool_description',
      { pid, description: '0x01' },
      err('UnauthorizedPoolOwner'),
    );
    expect(call(ext, signed(alice), 'set_pool_description', { pid, description: text })).toEqual([]);
    expect(PoolDescriptions.get(ext.state, pid)).toBe(text);
    expect(() => call(ext, signed(alice), 'set_pool_description', { pid, description: `${text}61` })).toThrow(
      RangeError,
    );
  });

  it('set_mining_enable is root only', () => {
    const ext = newExt();
    expect(MiningEnabled.get(ext.state)).toBe(false);
    expectFailure(ext, signed(alice), 'set_mining_enable', { enable: true }, badOriginError());
    expect(call(ext, root, 'set_mining_enable', { enable: true })).toEqual([]);
    expect(MiningEnabled.get(ext.state)).toBe(true);
  });
});

function badOriginError() {
  return new (Object.getPrototypeOf(err('PoolDoesNotExist')).constructor)('BadOrigin');
}
