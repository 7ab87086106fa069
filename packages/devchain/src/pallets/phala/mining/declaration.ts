/** PhalaMining's declaration: its index, events and errors (the other files raise and emit through it). */

import { definePallet } from '../../../runtime/pallet.js';
import { AccountId32, Sr25519Public } from '../../../runtime/primitives.js';
import { u32, u64, u128 } from '../../../scale/types.js';
import { PALLET } from './storage.js';

export const minerArg = [AccountId32, 'T::AccountId'] as const;

export const Declaration = definePallet({
  name: PALLET,
  index: 87,
  path: 'phala_pallets::mining::pallet',
  alias: 'pallet_mining',
  events: {
    CoolDownExpirationChanged: {
      index: 0,
      fields: { period: [u64, 'u64'] },
      docs: ['Cool down expiration changed (in sec).', '', 'Indicates a change in [`CoolDownPeriod`].'],
    },
    MinerStarted: {
      index: 1,
      fields: { miner: minerArg, init_v: [u128, 'u128'], init_p: [u32, 'u32'] },
      docs: [
        'A miner starts mining.',
        '',
        'Affected states:',
        '- the miner info at [`Miners`] is updated with `MiningIdle` state',
        '- [`NextSessionId`] for the miner is incremented',
        '- [`Stakes`] for the miner is updated',
        '- [`OnlineMiners`] is incremented',
      ],
    },
    MinerStopped: {
      index: 2,
      fields: { miner: minerArg },
      docs: [
        'Miner stops mining.',
        '',
        'Affected states:',
        '- the miner info at [`Miners`] is updated with `MiningCoolingDown` state',
        '- [`OnlineMiners`] is decremented',
      ],
    },
    MinerReclaimed: {
      index: 3,
      fields: { miner: minerArg, original_stake: [u128, 'BalanceOf<T>'], slashed: [u128, 'BalanceOf<T>'] },
      docs: ['Miner is reclaimed, with its slash settled.'],
    },
    MinerBound: {
      index: 4,
      fields: { miner: minerArg, worker: [Sr25519Public, 'WorkerPublicKey'] },
      docs: [
        'Miner & worker are bound.',
        '',
        'Affected states:',
        '- [`MinerBindings`] for the miner account is pointed to the worker',
        '- [`WorkerBindings`] for the worker is pointed to the miner account',
        '- the miner info at [`Miners`] is updated with `Ready` state',
      ],
    },
    MinerUnbound: {
      index: 5,
      fields: { miner: minerArg, worker: [Sr25519Public, 'WorkerPublicKey'] },
      docs: [
        'Miner & worker are unbound.',
        '',
        'Affected states:',
        '- [`MinerBindings`] for the miner account is removed',
        '- [`WorkerBindings`] for the worker is removed',
      ],
    },
    MinerEnterUnresponsive: {
      index: 6,
      fields: { miner: minerArg },
      docs: [
        'Miner enters unresponsive state.',
        '',
        'Affected states:',
        '- the miner info at [`Miners`] is updated from `MiningIdle` to `MiningUnresponsive`',
      ],
    },
    MinerExitUnresponsive: {
      index: 7,
      fields: { miner: minerArg },
      docs: [
        'Miner returns to responsive state.',
        '',
        'Affected states:',
        '- the miner info at [`Miners`] is updated from `MiningUnresponsive` to `MiningIdle`',
      ],
    },
    MinerSettled: {
      index: 8,
      fields: { miner: minerArg, v_bits: [u128, 'u128'], payout_bits: [u128, 'u128'] },
      docs: [
        'Miner settled successfully.',
        '',
        'It results in the v in [`Miners`] being updated. It also indicates the downstream',
        'stake pool has received the mining reward (payout), and the treasury has received the',
        'tax.',
      ],
    },
    InternalErrorMinerSettleFailed: {
      index: 9,
      fields: { worker: [Sr25519Public, 'WorkerPublicKey'] },
      docs: ["Some internal error happened when settling a miner's ledger."],
    },
    SubsidyBudgetHalved: {
      index: 10,
      fields: {},
      docs: [
        'Block subsidy halved by 25%.',
        '',
        'This event will be followed by a [`TokenomicParametersChanged`](#variant.TokenomicParametersChanged)',
        'event indicating the change of the block subsidy budget in the parameter.',
      ],
    },
    InternalErrorWrongHalvingConfigured: {
      index: 11,
      fields: {},
      docs: ['Some internal error happened when trying to halve the subsidy'],
    },
    TokenomicParametersChanged: {
      index: 12,
      fields: {},
      docs: ['Tokenomic parameter changed.', '', 'Affected states:', '- [`TokenomicParameters`] is updated.'],
    },
    MinerSettlementDropped: {
      index: 13,
      fields: { miner: minerArg, v: [u128, 'u128'], payout: [u128, 'u128'] },
      docs: [
        'A miner settlement was dropped because the on-chain version is more up-to-date.',
        '',
        'This is a temporary walk-around of the mining staking design. Will be fixed by',
        'StakePool v2.',
      ],
    },
    BenchmarkUpdated: {
      index: 14,
      fields: { miner: minerArg, p_instant: [u32, 'u32'] },
      docs: ['Benchmark Updated'],
    },
  },
  errors: [
    ['BadSender', 'The transaction is sent by an unauthorized sender'],
    ['_InvalidMessage', 'Deprecated.'],
    ['WorkerNotRegistered', 'The worker is not registered in the registry.'],
    ['_GatekeeperNotRegistered', 'Deprecated'],
    ['DuplicateBoundMiner', 'Not permitted because the miner is already bound with another worker.'],
    ['BenchmarkMissing', "There's no benchmark result on the blockchain."],
    ['MinerNotFound', 'Miner not found.'],
    ['MinerNotBound', 'Not permitted because the miner is not bound with a worker.'],
    ['MinerNotReady', 'Miner is not in `Ready` state to proceed.'],
    ['MinerNotMining', 'Miner is not in `Mining` state to stop mining.'],
    ['WorkerNotBound', 'Not permitted because the worker is not bound with a miner account.'],
    ['CoolDownNotReady', "Cannot reclaim the worker because it's still in cooldown period."],
    ['InsufficientStake', "Cannot start mining because there's too little stake."],
    ['TooMuchStake', "Cannot start mining because there's too much stake (exceeds Vmax)."],
    ['InternalErrorBadTokenomicParameters', 'Internal error. The tokenomic parameter is not set.'],
    ['DuplicateBoundWorker', 'Not permitted because the worker is already bound with another miner account.'],
    ['BenchmarkTooLow', 'Indicating the initial benchmark score is too low to start mining.'],
    [
      'InternalErrorCannotStartWithExistingStake',
      'Internal error. A miner should never start with existing stake in the storage.',
    ],
  ],
});
