import { definePallet } from '../../../runtime/pallet.js';
import { AccountId32 } from '../../../runtime/primitives.js';
import { u32, u64, u128 } from '../../../scale/types.js';
import { WorkerPublicKey } from './types.js';

export const pidArg = [u64, 'u64'] as const;
export const workerArg = [WorkerPublicKey, 'WorkerPublicKey'] as const;
export const balanceArg = [u128, 'BalanceOf<T>'] as const;
export const accountArg = [AccountId32, 'T::AccountId'] as const;

export const Declaration = definePallet({
  name: 'PhalaStakePool',
  index: 88,
  path: 'phala_pallets::stakepool::pallet',
  alias: 'pallet_stakepool',
  events: {
    PoolCreated: {
      index: 0,
      fields: { owner: accountArg, pid: pidArg },
      docs: [
        'A pool is created under an owner',
        '',
        'Affected states:',
        '- a new entry in [`StakePools`] with the pid',
      ],
    },
    PoolCommissionSet: {
      index: 1,
      fields: { pid: pidArg, commission: [u32, 'u32'] },
      docs: [
        'The commission of a pool is updated',
        '',
        'The commission ratio is represented by an integer. The real value is',
        '`commission / 1_000_000u32`.',
        '',
        'Affected states:',
        '- the `payout_commission` field in [`StakePools`] is updated',
      ],
    },
    PoolCapacitySet: {
      index: 2,
      fields: { pid: pidArg, cap: balanceArg },
      docs: [
        'The stake capacity of the pool is updated',
        '',
        'Affected states:',
        '- the `cap` field in [`StakePools`] is updated',
      ],
    },
    PoolWorkerAdded: {
      index: 3,
      fields: { pid: pidArg, worker: workerArg, miner: accountArg },
      docs: [
        'A worker is added to the pool',
        '',
        'Affected states:',
        '- the `worker` is added to the vector `workers` in [`StakePools`]',
        '- the worker in the [`WorkerAssignments`] is pointed to `pid`',
        '- the worker-miner binding is updated in `mining` pallet ([`WorkerBindings`](mining::pallet::WorkerBindings),',
        '  [`MinerBindings`](mining::pallet::MinerBindings))',
      ],
    },
    Contribution: {
      index: 4,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg, shares: balanceArg },
      docs: [
        'Someone contributed to a pool',
        '',
        'Affected states:',
        '- the stake related fields in [`StakePools`]',
        '- the user staking account at [`PoolStakers`]',
        '- the locking ledger of the contributor at [`StakeLedger`]',
        '- when there was any request in the withdraw queue, the action may trigger withdrawals',
        '  ([`Withdrawal`](#variant.Withdrawal) event)',
      ],
    },
    Withdrawal: {
      index: 5,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg, shares: balanceArg },
      docs: [
        'Some stake was withdrawn from a pool',
        '',
        'The lock in [`Balances`](pallet_balances::pallet::Pallet) is updated to release the',
        'locked stake.',
        '',
        'Affected states:',
        '- the stake related fields in [`StakePools`]',
        '- the user staking account at [`PoolStakers`]',
        '- the locking ledger of the contributor at [`StakeLedger`]',
      ],
    },
    RewardsWithdrawn: {
      index: 6,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg },
      docs: [
        'Pending rewards were withdrawn by a user',
        '',
        'The reward and slash accumulator is resolved, and the reward is sent to the user',
        'account.',
        '',
        'Affected states:',
        '- the stake related fields in [`StakePools`]',
        '- the user staking account at [`PoolStakers`]',
      ],
    },
    OwnerRewardsWithdrawn: {
      index: 7,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg },
      docs: [
        'Similar to event `RewardsWithdrawn` but only affected states:',
        ' - the stake related fields in [`StakePools`]',
      ],
    },
    StakerRewardsWithdrawn: {
      index: 8,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg },
      docs: [
        'Similar to event `ewardsWithdrawn` but only affected states:',
        ' - the user staking account at [`PoolStakers`]',
      ],
    },
    PoolSlashed: {
      index: 9,
      fields: { pid: pidArg, amount: balanceArg },
      docs: [
        'The pool received a slash event from one of its workers (currently disabled)',
        '',
        'The slash is accured to the pending slash accumulator.',
      ],
    },
    SlashSettled: {
      index: 10,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg },
      docs: ['Some slash is actually settled to a contributor (currently disabled)'],
    },
    RewardDismissedNotInPool: {
      index: 11,
      fields: { worker: workerArg, amount: balanceArg },
      docs: [
        'Some reward is dismissed because the worker is no longer bound to a pool',
        '',
        "There's no affected state.",
      ],
    },
    RewardDismissedNoShare: {
      index: 12,
      fields: { pid: pidArg, amount: balanceArg },
      docs: [
        "Some reward is dismissed because the pool doesn't have any share",
        '',
        "There's no affected state.",
      ],
    },
    RewardDismissedDust: {
      index: 13,
      fields: { pid: pidArg, amount: balanceArg },
      docs: [
        'Some reward is dismissed because the amount is too tiny (dust)',
        '',
        "There's no affected state.",
      ],
    },
    DustRemoved: {
      index: 14,
      fields: { user: accountArg, amount: balanceArg },
      docs: [
        'Some dust stake is removed',
        '',
        'Triggered when the remaining stake of a user is too small after withdrawal or slash.',
        '',
        'Affected states:',
        '- the balance of the locking ledger of the contributor at [`StakeLedger`] is set to 0',
        "- the user's dust stake is moved to treasury",
      ],
    },
    PoolWorkerRemoved: {
      index: 15,
      fields: { pid: pidArg, worker: workerArg },
      docs: [
        'A worker is removed from a pool.',
        '',
        'Affected states:',
        '- the worker item in [`WorkerAssignments`] is removed',
        '- the worker is removed from the [`StakePools`] item',
      ],
    },
    WithdrawalQueued: {
      index: 16,
      fields: { pid: pidArg, user: accountArg, shares: balanceArg },
      docs: [
        'A withdrawal request is inserted to a queue',
        '',
        'Affected states:',
        '- a new item is inserted to or an old item is being replaced by the new item in the',
        '  withdraw queue in [`StakePools`]',
      ],
    },
    PoolWhitelistCreated: {
      index: 17,
      fields: { pid: pidArg },
      docs: [
        'A pool contribution whitelist is added',
        '- lazy operated when the first staker is added to the whitelist',
      ],
    },
    PoolWhitelistDeleted: {
      index: 18,
      fields: { pid: pidArg },
      docs: [
        'The pool contribution whitelist is deleted',
        '- lazy operated when the last staker is removed from the whitelist',
      ],
    },
    PoolWhitelistStakerAdded: {
      index: 19,
      fields: { pid: pidArg, staker: accountArg },
      docs: ['A staker is added to the pool contribution whitelist'],
    },
    PoolWhitelistStakerRemoved: {
      index: 20,
      fields: { pid: pidArg, staker: accountArg },
      docs: ['A staker is removed from the pool contribution whitelist'],
    },
    WorkerReclaimed: {
      index: 21,
      fields: { pid: pidArg, worker: workerArg, original_stake: balanceArg },
      docs: ['A worker is reclaimed from the pool'],
    },
    RewardReceived: {
      index: 22,
      fields: { pid: pidArg, to_owner: balanceArg, to_stakers: balanceArg },
      docs: ['The amount of reward that distributed to owner and stakers'],
    },
    MiningStarted: {
      index: 23,
      fields: { pid: pidArg, worker: workerArg, amount: balanceArg },
      docs: ['The amount of stakes for a worker to start mine'],
    },
  },
  errors: [
    ['WorkerNotRegistered', 'The worker is not registered in the registry when adding to the pool'],
    ['BenchmarkMissing', "The worker doesn't have a valid benchmark when adding to the pool"],
    ['WorkerExists', 'The worker is already added to the pool'],
    ['WorkerDoesNotExist', 'The target worker is not in the pool'],
    ['WorkerInAnotherPool', 'The worker is already added to another pool'],
    [
      'UnauthorizedOperator',
      "The owner of the pool doesn't have the access to the worker\n\nThe access to a worker is granted by it's `operator` parameter set by `register_worker`",
    ],
    ['UnauthorizedPoolOwner', 'The caller is not the owner of the pool'],
    ['InadequateCapacity', 'The stake capacity is set too low to cover the existing stake'],
    ['StakeExceedsCapacity', 'The stake added to a pool exceeds its capacity'],
    ['PoolDoesNotExist', "The specified pool doesn't exist"],
    '_PoolIsBusy',
    ['InsufficientContribution', 'The contributed stake is smaller than the minimum threshold'],
    ['InsufficientBalance', 'Trying to contribute more than the available balance'],
    ['PoolStakeNotFound', "The user doesn't have stake in a pool"],
    ['InsufficientFreeStake', "Cannot start mining because there's no enough free stake"],
    ['InvalidWithdrawalAmount', 'The withdrawal amount is too small (considered as dust)'],
    ['FailedToBindMinerAndWorker', "Couldn't bind worker and the pool mining subaccount"],
    [
      'InternalSubsidyPoolCannotWithdraw',
      'Internal error: Cannot withdraw from the subsidy pool. This should never happen.',
    ],
    [
      'PoolBankrupt',
      'The pool has already got all the stake completely slashed.\n\nIn this case, no more funds can be contributed to the pool until all the pending slash\nhas been resolved.',
    ],
    ['NoRewardToClaim', "There's no pending reward to claim"],
    ['FeatureNotEnabled', 'The StakePool is not enabled yet.'],
    [
      'WorkersExceedLimit',
      'Failed to add a worker because the number of the workers exceeds the upper limit.',
    ],
    ['CannotRestartWithLessStake', 'Restarted with a less stake is not allowed in the tokenomic.'],
    ['InvalidForceRewardAmount', 'Invalid amount of balance input when force reward.'],
    [
      'NotInContributeWhitelist',
      "Invalid staker to contribute because origin isn't in Pool's contribution whitelist.",
    ],
    [
      'AlreadyInContributeWhitelist',
      'Can not add the staker to whitelist because the staker is already in whitelist.',
    ],
    ['ExceedWhitelistMaxLen', 'Too many stakers in contribution whitelist that exceed the limit'],
    ['NoWhitelistCreated', "The pool hasn't have a whitelist created"],
    ['ExceedMaxDescriptionLen', 'Too long for pool description length'],
    // 1191+: remove_worker only takes Ready workers. The docs are those the same errors carry in Khala's later
    // PhalaStakePoolv2 metadata, where "miner" became "session".
    ['MinerDoesNotExist', 'The target miner is not in the \t`miner` storage'],
    ['WorkerIsNotReady', 'The target worker is not reclaimed and can not be removed from a pool.'],
  ],
});
