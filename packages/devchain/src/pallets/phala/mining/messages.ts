/** PhalaMining's message handlers: gatekeeper settlements and heartbeat-state updates, worker reports. */

import { B } from '@phala-mining/math';
import { TREASURY_ACCOUNT } from '../../../runtime/accounts.js';
import type { Ext } from '../../../runtime/ext.js';
import * as balances from '../../balances/index.js';
import { RuntimePanic } from '../mq/index.js';
import type {
  MessageOriginValue,
  MiningInfoUpdateEventValue,
  MiningReportEventValue,
  SettleInfoValue,
} from '../mq/types.js';
import { Declaration as Mining } from './declaration.js';
import { pushWorkerEvent } from './operations.js';
import { isMining, Miners, MiningConfigKey, SUBSIDY_POOL_ACCOUNT, WorkerBindings } from './storage.js';

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

export function handleSettle(ext: Ext, settle: SettleInfoValue, now: bigint, emitTime: bigint): void {
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
