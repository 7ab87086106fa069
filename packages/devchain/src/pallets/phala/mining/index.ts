/**
 * PhalaMining (index 87) as Khala runtime 1192 ran it: the miner (pool sub-account) ⇄ worker bindings, the mining
 * state machine (Ready → MiningIdle ⇄ MiningUnresponsive → MiningCoolingDown → Ready), the heartbeat challenge
 * broadcast every block, and the settlement of gatekeeper reports (V updates, payouts, treasury share).
 *
 * The stake pool drives it through `bind`, `unbindMiner`, `startMining`, `stopMining` and `reclaim`, and is called
 * back through `onReward`, `onStopped` and `onUnbound` — Config items the runtime wires (Khala's
 * `type OnReward = PhalaStakePool`), so this pallet never imports the stake pool.
 */

import {
  B,
  DEFAULT_EXPECTED_HEARTBEAT_COUNT,
  GENESIS_TOKENOMIC_PARAMETERS,
  halveBudget,
  KHALA_TOKENOMIC_PARAMETERS,
  MIN_INIT_P,
  minStake,
  powTarget,
  U256_MAX,
  u256FromBytes,
  ve as veOf,
} from '@phala-mining/math';
import { hexToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { palletAccount, TREASURY_ACCOUNT } from '../../../runtime/accounts.js';
import { configKey } from '../../../runtime/config.js';
import type { Ext } from '../../../runtime/ext.js';
import type { GenesisConfig } from '../../../runtime/genesisConfig.js';
import { badOrigin, call, definePallet, type Origin } from '../../../runtime/pallet.js';
import { AccountId32, Sr25519Public } from '../../../runtime/primitives.js';
import { storageOf } from '../../../runtime/storage.js';
import { bool, type Hex, u32, u64, u128 } from '../../../scale/types.js';
import * as balances from '../../balances/index.js';
import { pushPalletMessage, RuntimePanic } from '../mq/index.js';
import {
  type MessageOriginValue,
  type MiningInfoUpdateEventValue,
  type MiningReportEventValue,
  type SettleInfoValue,
  SystemEvent,
  TOPICS,
  type WorkerEventValue,
} from '../mq/types.js';
import * as registry from '../registry/index.js';
import {
  fromStorageParams,
  GatekeeperEvent,
  MinerInfo,
  type MinerInfoValue,
  type MinerStateValue,
  TokenomicParameters as TokenomicParametersType,
  type TokenomicParametersValue,
  toStorageParams,
} from './types.js';

export { MiningInfoUpdateEvent, MiningReportEvent } from '../mq/types.js';
export * from './types.js';

const PALLET = 'PhalaMining';

/** One record of a gatekeeper settlement as the reward handler sees it. */
export interface SettleReward {
  pubkey: Hex;
  /** U64F64 bits of the payout in PHA */
  payout: bigint;
}

/**
 * PhalaMining's upward Config items (`OnReward`, `OnStopped`, `OnUnbound` in `pallet_mining::Config`): the runtime
 * points them at the stake pool.
 */
export interface MiningConfig {
  /** a settlement paid these workers */
  onReward(ext: Ext, settle: readonly SettleReward[]): void;
  /** a miner entered CoolingDown with `originalStake`, of which `slashed` is lost */
  onStopped(ext: Ext, worker: Hex, originalStake: bigint, slashed: bigint): void;
  /** the operator unbound the worker (`force`: it was still mining) */
  onUnbound(ext: Ext, worker: Hex, force: boolean): void;
}

export const MiningConfigKey = configKey<MiningConfig>(PALLET);
const store = storageOf(PALLET);

export const TokenomicParameters = store.value('TokenomicParameters', {
  value: TokenomicParametersType,
  docs: [' Tokenomic parameters used by Gatekeepers to compute the V promote.'],
});
export const ScheduledTokenomicUpdate = store.value('ScheduledTokenomicUpdate', {
  value: TokenomicParametersType,
  docs: [' The scheduled new tokenomic params to update at the end of this block.'],
});
export const OnlineMiners = store.value('OnlineMiners', {
  value: u32,
  default: 0,
  docs: [
    ' Total online miners including MiningIdle and MiningUnresponsive workers.',
    '',
    ' Increased when a miner is turned to MiningIdle; decreased when turned to CoolingDown.',
  ],
});
export const ExpectedHeartbeatCount = store.value('ExpectedHeartbeatCount', {
  value: u32,
  docs: [' The expected heartbeat count at every block (default: 20)'],
});
/** Added in 1192 (v0.1.19-2.1) for the StakePool v2 migration. */
export const HeartbeatPaused = store.value('HeartbeatPaused', {
  value: bool,
  default: false,
  docs: [" Won't sent heartbeat challenges to the the worker if enabled."],
});
export const Miners = store.map('Miners', 'Twox64Concat', AccountId32, {
  value: MinerInfo,
  docs: [
    ' The miner state.',
    '',
    ' The miner state is created when a miner is bounded with a worker, but it will be kept even',
    ' if the worker is force unbound. A re-bind of a worker will reset the mining state.',
  ],
});
export const MinerBindings = store.map('MinerBindings', 'Twox64Concat', AccountId32, {
  value: Sr25519Public,
  docs: [' The bound worker for a miner account'],
});
export const WorkerBindings = store.map('WorkerBindings', 'Twox64Concat', Sr25519Public, {
  value: AccountId32,
  docs: [' The bound miner account for a worker'],
});
export const CoolDownPeriod = store.value('CoolDownPeriod', {
  value: u64,
  default: 0n,
  docs: [' The cool down period (in sec)'],
});
export const NextSessionId = store.value('NextSessionId', {
  value: u32,
  default: 0,
  docs: [' The next id to assign to a mining session'],
});
export const MiningStartBlock = store.value('MiningStartBlock', {
  value: u32,
  docs: [' The block number when the mining starts. Used to calculate halving.'],
});
export const MiningHalvingInterval = store.value('MiningHalvingInterval', {
  value: u32,
  docs: [' The interval of halving (75% decay) in block number.'],
});
export const Stakes = store.map('Stakes', 'Twox64Concat', AccountId32, {
  value: u128,
  docs: [' The stakes of miner accounts.', '', ' Only presents for mining and cooling down miners.'],
});

/** The mining subsidy pool account (`PalletId(*b"phala/pp")`): rewards are paid from it. */
export const SUBSIDY_POOL_ACCOUNT: Hex = palletAccount('phala/pp');
/** `CoolDownPeriod` written by Khala's migration and by the dev chain's genesis: 7 days. */
export const DEFAULT_COOL_DOWN_PERIOD = 604_800n;
/** Khala's `MiningHalvingInterval`: 180 days of 12 s blocks. */
export const KHALA_HALVING_INTERVAL = 1_296_000;
/** `ExpectedBlockTimeSec`. */
export const EXPECTED_BLOCK_TIME_SEC = 12;
/** Subject of the randomness that seeds heartbeat challenges (`utils/constants.rs`). */
export const RANDOMNESS_SUBJECT = 'PhalaPoW';

const isMining = (state: MinerStateValue) =>
  state === 'MiningIdle' || state === '_Unused' || state === 'MiningUnresponsive';
const canUnbind = (state: MinerStateValue) => state === 'Ready' || state === 'MiningCoolingDown';

function pushWorkerEvent(ext: Ext, worker: Hex, event: WorkerEventValue): void {
  pushPalletMessage(ext, PALLET, TOPICS.systemEvent, SystemEvent, {
    tag: 'WorkerEvent',
    value: { pubkey: worker, event },
  });
}

function requireRoot(origin: Origin): void {
  if (origin.kind !== 'root') throw badOrigin();
}

// ---------------------------------------------------------------------------------------------------------------
// Internal operations used by the stake pool

/** Binds a miner account to a registered, benchmarked worker and (re)creates its `Miners` entry in Ready state. */
export function bind(ext: Ext, miner: Hex, worker: Hex): void {
  const info = registry.Workers.get(ext.state, worker);
  if (!info) throw Mining.error('WorkerNotRegistered');
  if (info.initial_score === undefined) throw Mining.error('BenchmarkMissing');
  if (MinerBindings.has(ext.state, miner)) throw Mining.error('DuplicateBoundMiner');
  if (WorkerBindings.has(ext.state, worker)) throw Mining.error('DuplicateBoundWorker');
  // A miner still cooling down (even if unbound) keeps its stake in Stakes: never overwrite it.
  const existing = Miners.get(ext.state, miner);
  if (existing && existing.state !== 'Ready') throw Mining.error('MinerNotReady');

  const now = ext.nowSeconds;
  MinerBindings.set(ext.state, miner, worker);
  WorkerBindings.set(ext.state, worker, miner);
  Miners.set(ext.state, miner, {
    state: 'Ready',
    ve: 0n,
    v: 0n,
    v_updated_at: now,
    benchmark: { p_init: 0, p_instant: 0, iterations: 0n, mining_start_time: now, challenge_time_last: 0n },
    cool_down_start: 0n,
    stats: { total_reward: 0n },
  });
  Mining.emit(ext, 'MinerBound', { miner, worker });
}

/** Unbinds a miner, stopping it first if it is mining; `notify` lets the stake pool drop the worker. */
export function unbindMiner(ext: Ext, miner: Hex, notify: boolean): void {
  const worker = MinerBindings.get(ext.state, miner);
  if (worker === undefined) throw Mining.error('MinerNotBound');
  const info = Miners.get(ext.state, miner);
  if (!info) throw new RuntimePanic('a bound miner must have its MinerInfo');
  const force = !canUnbind(info.state);
  if (force) stopMining(ext, miner);
  MinerBindings.remove(ext.state, miner);
  WorkerBindings.remove(ext.state, worker);
  Mining.emit(ext, 'MinerUnbound', { miner, worker });
  if (notify) ext.config(MiningConfigKey).onUnbound(ext, worker, force);
}

/** Starts mining with `stake` (already accounted for by the caller): checks the benchmark and Smin ≤ stake ≤ Smax. */
export function startMining(ext: Ext, miner: Hex, stake: bigint): void {
  const worker = MinerBindings.get(ext.state, miner);
  if (worker === undefined) throw Mining.error('MinerNotFound');
  const info = Miners.get(ext.state, miner);
  if (!info) throw new RuntimePanic('a bound miner must have its MinerInfo');
  if (info.state !== 'Ready') throw Mining.error('MinerNotReady');
  if (Stakes.has(ext.state, miner)) throw Mining.error('InternalErrorCannotStartWithExistingStake');
  const workerInfo = registry.Workers.get(ext.state, worker);
  if (!workerInfo) throw new RuntimePanic('a bound worker must be registered');
  const p = workerInfo.initial_score;
  if (p === undefined) throw Mining.error('BenchmarkMissing');
  if (p < MIN_INIT_P) throw Mining.error('BenchmarkTooLow');
  const params = tokenomic(ext);
  if (stake < minStake(params, p)) throw Mining.error('InsufficientStake');
  const ve = veOf(params, stake, p, workerInfo.confidence_level);
  if (ve > params.vMax) throw Mining.error('TooMuchStake');

  const now = ext.nowSeconds;
  Stakes.set(ext.state, miner, stake);
  Miners.set(ext.state, miner, {
    ...info,
    state: 'MiningIdle',
    ve,
    v: ve,
    v_updated_at: now,
    benchmark: { ...info.benchmark, p_init: p },
  });
  OnlineMiners.set(ext.state, OnlineMiners.get(ext.state) + 1);
  const sessionId = NextSessionId.get(ext.state);
  NextSessionId.set(ext.state, sessionId + 1);
  pushWorkerEvent(ext, worker, {
    tag: 'MiningStart',
    value: { session_id: sessionId, init_v: ve, init_p: p },
  });
  Mining.emit(ext, 'MinerStarted', { miner, init_v: ve, init_p: p });
}

/** Stops a mining miner: it enters CoolingDown and the stake pool learns the stake it will get back. */
export function stopMining(ext: Ext, miner: Hex): void {
  const worker = MinerBindings.get(ext.state, miner);
  if (worker === undefined) throw Mining.error('MinerNotBound');
  const info = Miners.get(ext.state, miner);
  if (!info) throw Mining.error('MinerNotFound');
  if (info.state === 'Ready' || info.state === 'MiningCoolingDown') throw Mining.error('MinerNotMining');

  Miners.set(ext.state, miner, { ...info, state: 'MiningCoolingDown', cool_down_start: ext.nowSeconds });
  OnlineMiners.set(ext.state, OnlineMiners.get(ext.state) - 1);
  const originalStake = Stakes.get(ext.state, miner) ?? 0n;
  // Slashing is disabled in v1: the final stake is always the original one.
  ext.config(MiningConfigKey).onStopped(ext, worker, originalStake, 0n);
  pushWorkerEvent(ext, worker, { tag: 'MiningStop' });
  Mining.emit(ext, 'MinerStopped', { miner });
}

/** Returns a cooled-down miner to Ready and releases its stake (`checkCooldown` = false for restart_mining). */
export function reclaim(
  ext: Ext,
  miner: Hex,
  checkCooldown: boolean,
): { originalStake: bigint; slashed: bigint } {
  const info = Miners.get(ext.state, miner);
  if (!info) throw Mining.error('MinerNotFound');
  if (!canReclaim(ext, info, checkCooldown)) throw Mining.error('CoolDownNotReady');
  Miners.set(ext.state, miner, { ...info, state: 'Ready', cool_down_start: 0n });
  const originalStake = Stakes.get(ext.state, miner) ?? 0n;
  Stakes.remove(ext.state, miner);
  Mining.emit(ext, 'MinerReclaimed', { miner, original_stake: originalStake, slashed: 0n });
  return { originalStake, slashed: 0n };
}

function canReclaim(ext: Ext, info: MinerInfoValue, checkCooldown: boolean): boolean {
  if (info.state !== 'MiningCoolingDown') return false;
  if (!checkCooldown) return true;
  return BigInt.asUintN(64, ext.nowSeconds - info.cool_down_start) >= CoolDownPeriod.get(ext.state);
}

/** The current tokenomic parameters in the math module's form, or `InternalErrorBadTokenomicParameters`. */
export function tokenomic(ext: { state: Ext['state'] }) {
  const params = TokenomicParameters.get(ext.state);
  if (!params) throw Mining.error('InternalErrorBadTokenomicParameters');
  return fromStorageParams(params);
}

function updateTokenomicParameters(ext: Ext, params: TokenomicParametersValue): void {
  TokenomicParameters.set(ext.state, params);
  pushPalletMessage(ext, PALLET, TOPICS.gatekeeperEvent, GatekeeperEvent, {
    tag: 'TokenomicParametersChanged',
    value: params,
  });
  Mining.emit(ext, 'TokenomicParametersChanged', {});
}

// ---------------------------------------------------------------------------------------------------------------
// Heartbeat challenge

/**
 * `Randomness::random(b"PhalaPoW")` stand-in. Khala's RandomnessCollectiveFlip mixes the subject with the last 81
 * block hashes; the dev chain has no such pallet, so the seed is blake2_256(subject ‖ parent hash ‖ block number):
 * deterministic, different every block, and just as unpredictable to a worker that has not seen the parent block.
 */
export function challengeSeed(ext: Ext): bigint {
  const material = u8aConcat(
    Buffer.from(RANDOMNESS_SUBJECT, 'utf8'),
    hexToU8a(ext.parentHash),
    u32.codec.enc(ext.blockNumber),
  );
  return u256FromBytes(blake2AsU8a(material, 256));
}

export interface HeartbeatChallengeValue {
  seed: bigint;
  online_target: bigint;
}

/** The challenge on_finalize broadcasts this block (undefined when paused). */
export function currentChallenge(ext: Ext): HeartbeatChallengeValue | undefined {
  if (HeartbeatPaused.get(ext.state)) return undefined;
  const expected = ExpectedHeartbeatCount.get(ext.state) ?? DEFAULT_EXPECTED_HEARTBEAT_COUNT;
  return {
    seed: challengeSeed(ext),
    online_target: powTarget(OnlineMiners.get(ext.state), expected, EXPECTED_BLOCK_TIME_SEC),
  };
}

function pushChallenge(ext: Ext, challenge: HeartbeatChallengeValue): void {
  pushPalletMessage(ext, PALLET, TOPICS.systemEvent, SystemEvent, {
    tag: 'HeartbeatChallenge',
    value: challenge,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Message handlers (reached through PhalaMq)

/**
 * Worker heartbeats (`phala/mining/report`): refreshes the miner's instant score. p_instant = min(Δiterations·6 /
 * Δs, p_init·1.2) in integer arithmetic, Δs measured from the previous challenge time to now.
 */
export function onMiningMessageReceived(
  ext: Ext,
  sender: MessageOriginValue,
  event: MiningReportEventValue,
): void {
  if (sender.tag !== 'Worker') return;
  const worker = sender.value;
  const miner = WorkerBindings.get(ext.state, worker);
  if (miner === undefined) throw Mining.error('WorkerNotBound');
  const info = Miners.get(ext.state, miner);
  if (!info) throw new RuntimePanic('a bound miner must have its MinerInfo');
  const now = ext.nowSeconds;
  const { iterations, challenge_time } = event.value;
  const bench = info.benchmark;
  // Khala `expect`s this: a heartbeat from the past aborts the whole extrinsic.
  if (now <= bench.challenge_time_last) throw new RuntimePanic('Benchmark report must be valid; qed.');
  const base = iterations < bench.iterations ? iterations : bench.iterations;
  const deltaIter = iterations - base;
  const deltaTs = now - bench.challenge_time_last;
  const measured = Number(BigInt.asUintN(32, BigInt.asUintN(64, deltaIter * 6n) / deltaTs));
  const cap = Math.floor((bench.p_init * 12) / 10);
  const pInstant = Math.min(measured, cap);
  Miners.set(ext.state, miner, {
    ...info,
    benchmark: { ...bench, p_instant: pInstant, iterations, challenge_time_last: challenge_time / 1000n },
  });
  Mining.emit(ext, 'BenchmarkUpdated', { miner, p_instant: pInstant });
}

/**
 * Gatekeeper reports (`^phala/mining/update`): unresponsive / recovered workers and V settlements. A settlement
 * older than the miner's last V update is dropped (MinerSettlementDropped) but — a Khala quirk — still handed to the
 * stake pool with the rest, which credits its payout.
 */
export function onGkMessageReceived(
  ext: Ext,
  sender: MessageOriginValue,
  event: MiningInfoUpdateEventValue,
): void {
  if (sender.tag !== 'Gatekeeper') throw Mining.error('BadSender');
  if (event.offline.length === 0 && event.recovered_to_online.length === 0 && event.settle.length === 0)
    return;
  const now = ext.nowSeconds;

  for (const worker of event.offline) {
    const miner = WorkerBindings.get(ext.state, worker);
    if (miner === undefined) continue;
    const info = Miners.get(ext.state, miner);
    if (!info || !isMining(info.state)) continue;
    Miners.set(ext.state, miner, { ...info, state: 'MiningUnresponsive' });
    Mining.emit(ext, 'MinerEnterUnresponsive', { miner });
    pushWorkerEvent(ext, worker, { tag: 'MiningEnterUnresponsive' });
  }

  for (const worker of event.recovered_to_online) {
    const miner = WorkerBindings.get(ext.state, worker);
    if (miner === undefined) continue;
    const info = Miners.get(ext.state, miner);
    if (!info || !isMining(info.state)) continue;
    Miners.set(ext.state, miner, { ...info, state: 'MiningIdle' });
    Mining.emit(ext, 'MinerExitUnresponsive', { miner });
    pushWorkerEvent(ext, worker, { tag: 'MiningExitUnresponsive' });
  }

  const emitTime = event.timestamp_ms / 1000n;
  for (const settle of event.settle) {
    try {
      handleSettle(ext, settle, now, emitTime);
    } catch {
      Mining.emit(ext, 'InternalErrorMinerSettleFailed', { worker: settle.pubkey });
    }
  }

  ext.config(MiningConfigKey).onReward(ext, event.settle);
}

function handleSettle(ext: Ext, settle: SettleInfoValue, now: bigint, emitTime: bigint): void {
  const miner = WorkerBindings.get(ext.state, settle.pubkey);
  if (miner === undefined) return;
  const info = Miners.get(ext.state, miner);
  if (!info) throw Mining.error('MinerNotFound');
  if (info.v_updated_at >= emitTime) {
    Mining.emit(ext, 'MinerSettlementDropped', { miner, v: settle.v, payout: settle.payout });
    return;
  }
  // Written before the treasury withdrawal and kept if it fails, as on Khala (no storage layer per record).
  Miners.set(ext.state, miner, {
    ...info,
    v: settle.v,
    v_updated_at: now,
    stats: { total_reward: info.stats.total_reward + B(settle.payout) },
  });
  const treasury = B(settle.treasury);
  balances.withdraw(ext, SUBSIDY_POOL_ACCOUNT, treasury, 'misc', 'AllowDeath');
  balances.deposit(ext, TREASURY_ACCOUNT, treasury);
  Mining.emit(ext, 'MinerSettled', { miner, v_bits: settle.v, payout_bits: settle.payout });
}

// ---------------------------------------------------------------------------------------------------------------
// The pallet

const minerArg = [AccountId32, 'T::AccountId'] as const;

export const Mining = definePallet({
  name: PALLET,
  index: 87,
  path: 'phala_pallets::mining::pallet',
  alias: 'pallet_mining',
  storage: [
    TokenomicParameters,
    ScheduledTokenomicUpdate,
    OnlineMiners,
    ExpectedHeartbeatCount,
    HeartbeatPaused,
    Miners,
    MinerBindings,
    WorkerBindings,
    CoolDownPeriod,
    NextSessionId,
    MiningStartBlock,
    MiningHalvingInterval,
    Stakes,
  ],
  calls: {
    set_cool_down_expiration: call({
      index: 0,
      args: { period: [u64, 'u64'] },
      docs: ['Sets the cool down expiration time in seconds.', '', 'Can only be called by root.'],
      weight: 0n,
      dispatch(ext, origin, { period }) {
        requireRoot(origin);
        CoolDownPeriod.set(ext.state, period);
        Mining.emit(ext, 'CoolDownExpirationChanged', { period });
      },
    }),
    unbind: call({
      index: 1,
      args: { miner: minerArg },
      docs: [
        'Unbinds a worker from the given miner (or pool sub-account).',
        '',
        'It will trigger a force stop of mining if the miner is still in mining state. Anyone',
        'can call it.',
      ],
      weight: 0n,
      dispatch(ext, origin, { miner }) {
        if (origin.kind !== 'signed') throw badOrigin();
        const worker = MinerBindings.get(ext.state, miner);
        if (worker === undefined) throw Mining.error('MinerNotBound');
        const info = registry.Workers.get(ext.state, worker);
        if (!info) throw Mining.error('WorkerNotRegistered');
        if (info.operator !== origin.who) throw Mining.error('BadSender');
        unbindMiner(ext, miner, true);
      },
    }),
    force_heartbeat: call({
      index: 2,
      args: {},
      docs: [
        'Triggers a force heartbeat request to all workers by sending a MAX pow target',
        '',
        'Only for integration test.',
      ],
      weight: 1n,
      dispatch(ext, origin) {
        requireRoot(origin);
        pushChallenge(ext, { seed: 0n, online_target: U256_MAX });
      },
    }),
    force_start_mining: call({
      index: 3,
      args: { miner: minerArg, stake: [u128, 'BalanceOf<T>'] },
      docs: ['Start mining', '', 'Only for integration test.'],
      weight: 1n,
      dispatch(ext, origin, { miner, stake }) {
        requireRoot(origin);
        startMining(ext, miner, stake);
      },
    }),
    force_stop_mining: call({
      index: 4,
      args: { miner: minerArg },
      docs: ['Stop mining', '', 'Only for integration test.'],
      weight: 1n,
      dispatch(ext, origin, { miner }) {
        requireRoot(origin);
        stopMining(ext, miner);
      },
    }),
    update_tokenomic: call({
      index: 5,
      args: { new_params: [TokenomicParametersType, 'TokenomicParams'] },
      docs: [
        'Updates the tokenomic parameters at the end of this block.',
        '',
        'Can only be called by the tokenomic admin.',
      ],
      weight: 1n,
      dispatch(ext, origin, { new_params }) {
        // GovernanceOrigin = root or >1/2 Council; the dev chain has no Council.
        requireRoot(origin);
        ScheduledTokenomicUpdate.set(ext.state, new_params);
      },
    }),
    set_heartbeat_paused: call({
      index: 6,
      args: { paused: [bool, 'bool'] },
      weight: 1n,
      dispatch(ext, origin, { paused }) {
        requireRoot(origin);
        HeartbeatPaused.set(ext.state, paused);
      },
    }),
  },
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
  onFinalize(ext) {
    const challenge = currentChallenge(ext);
    if (challenge) pushChallenge(ext, challenge);

    const scheduled = ScheduledTokenomicUpdate.get(ext.state);
    if (scheduled) {
      ScheduledTokenomicUpdate.kill(ext.state);
      updateTokenomicParameters(ext, scheduled);
    }

    const interval = MiningHalvingInterval.get(ext.state);
    if (interval !== undefined) {
      const elapsed = (ext.blockNumber - (MiningStartBlock.get(ext.state) ?? 0)) >>> 0;
      // Halve at the last block of every interval.
      if (interval > 0 && elapsed % interval === interval - 1) triggerSubsidyHalving(ext);
    }
  },
  genesis(ext, config) {
    applyMiningGenesis(ext, config);
  },
});

function triggerSubsidyHalving(ext: Ext): void {
  const params = TokenomicParameters.get(ext.state);
  if (!params) {
    Mining.emit(ext, 'InternalErrorWrongHalvingConfigured', {});
    return;
  }
  Mining.emit(ext, 'SubsidyBudgetHalved', {});
  updateTokenomicParameters(ext, toStorageParams(halveBudget(fromStorageParams(params))));
}

/**
 * Genesis: tokenomic parameters ('default' = the Khala chain spec's genesis values, 'production' = Khala's v4
 * values with halving every 180 days from block 0) and a 7-day cooldown. The subsidy pool (`phala/pp`) is funded by
 * the runtime through the Balances endowment list (`config.subsidyPoolBalance`).
 */
function applyMiningGenesis(ext: Ext, config: GenesisConfig): void {
  if (config.tokenomics === 'production') {
    TokenomicParameters.set(ext.state, toStorageParams(KHALA_TOKENOMIC_PARAMETERS));
    MiningStartBlock.set(ext.state, 0);
    MiningHalvingInterval.set(ext.state, KHALA_HALVING_INTERVAL);
  } else {
    TokenomicParameters.set(ext.state, toStorageParams(GENESIS_TOKENOMIC_PARAMETERS));
  }
  CoolDownPeriod.set(ext.state, DEFAULT_COOL_DOWN_PERIOD);
}

/** For tests and tools: the miner record as the pallet stores it. */
export function minerInfo(ext: { state: Ext['state'] }, miner: Hex): MinerInfoValue | undefined {
  return Miners.get(ext.state, miner);
}
