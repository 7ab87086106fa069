/**
 * PhalaMining's internal operations, used by the stake pool (bind, start, stop, reclaim), by its own calls and
 * hooks (tokenomic updates, halving, the heartbeat challenge) and by genesis.
 */

import {
  DEFAULT_EXPECTED_HEARTBEAT_COUNT,
  GENESIS_TOKENOMIC_PARAMETERS,
  halveBudget,
  KHALA_TOKENOMIC_PARAMETERS,
  MIN_INIT_P,
  minStake,
  powTarget,
  u256FromBytes,
  ve as veOf,
} from '@phala-mining/math';
import { hexToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { Ext } from '../../../runtime/ext.js';
import type { GenesisConfig } from '../../../runtime/genesisConfig.js';
import { badOrigin, type Origin } from '../../../runtime/pallet.js';
import { type Hex, u32 } from '../../../scale/types.js';
import { pushPalletMessage, RuntimePanic } from '../mq/index.js';
import { SystemEvent, TOPICS, type WorkerEventValue } from '../mq/types.js';
import * as registry from '../registry/index.js';
import { Declaration as Mining } from './declaration.js';
import {
  CoolDownPeriod,
  canUnbind,
  DEFAULT_COOL_DOWN_PERIOD,
  EXPECTED_BLOCK_TIME_SEC,
  ExpectedHeartbeatCount,
  HeartbeatPaused,
  KHALA_HALVING_INTERVAL,
  MinerBindings,
  Miners,
  MiningConfigKey,
  MiningHalvingInterval,
  MiningStartBlock,
  NextSessionId,
  OnlineMiners,
  PALLET,
  RANDOMNESS_SUBJECT,
  Stakes,
  TokenomicParameters,
  WorkerBindings,
} from './storage.js';
import {
  fromStorageParams,
  GatekeeperEvent,
  type MinerInfoValue,
  type TokenomicParametersValue,
  toStorageParams,
} from './types.js';

export function pushWorkerEvent(ext: Ext, worker: Hex, event: WorkerEventValue): void {
  pushPalletMessage(ext, PALLET, TOPICS.systemEvent, SystemEvent, {
    tag: 'WorkerEvent',
    value: { pubkey: worker, event },
  });
}

export function requireRoot(origin: Origin): void {
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

export function canReclaim(ext: Ext, info: MinerInfoValue, checkCooldown: boolean): boolean {
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

export function updateTokenomicParameters(ext: Ext, params: TokenomicParametersValue): void {
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

export function pushChallenge(ext: Ext, challenge: HeartbeatChallengeValue): void {
  pushPalletMessage(ext, PALLET, TOPICS.systemEvent, SystemEvent, {
    tag: 'HeartbeatChallenge',
    value: challenge,
  });
}

export function triggerSubsidyHalving(ext: Ext): void {
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
export function applyMiningGenesis(ext: Ext, config: GenesisConfig): void {
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
