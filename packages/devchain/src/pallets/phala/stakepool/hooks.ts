/**
 * PhalaMining's upward callbacks (`OnReward`, `OnStopped`, `OnUnbound`), which the runtime wires to the stake pool
 * (`type OnReward = PhalaStakePool` in Khala's runtime).
 */
import { type PoolRecord, payoutBitsToPico } from '@phala-mining/math';
import type { Ext } from '../../../runtime/ext.js';
import type { Hex } from '../../../scale/types.js';
import { Declaration as PhalaStakePool } from './declaration.js';
import {
  fromRecord,
  handlePoolNewRewardRecord,
  removeWorkerFromPool,
  saturatingAdd,
  saturatingSub,
  toRecord,
} from './impl.js';
import { StakePools, WorkerAssignments } from './storage.js';
import type { PoolInfoValue } from './types.js';

export interface SettleInfoLike {
  pubkey: Hex;
  /** U64F64 bits of the payout in PHA */
  payout: bigint;
}

/**
 * Mining rewards from a gatekeeper settlement. A worker no longer in any pool ends the handling of the whole batch
 * (Khala returns from the loop there, so later records of the same message are never credited).
 */
export function onReward(ext: Ext, settle: readonly SettleInfoLike[]): void {
  // A settlement carries a record per worker and a pool may have 200 of them: each pool is decoded once, its
  // rewards applied to its math record one after the other, and it is converted back and written once per message
  // (nothing else reads StakePools meanwhile, so the result is the same).
  const touched = new Map<bigint, { pool: PoolInfoValue; record: PoolRecord; start: PoolRecord }>();
  try {
    for (const info of settle) {
      const reward = payoutBitsToPico(info.payout);
      const pid = WorkerAssignments.get(ext.state, info.pubkey);
      if (pid === undefined) {
        PhalaStakePool.emit(ext, 'RewardDismissedNotInPool', { worker: info.pubkey, amount: reward });
        return;
      }
      let entry = touched.get(pid);
      if (entry === undefined) {
        const pool = StakePools.get(ext.state, pid);
        if (pool === undefined) continue;
        const record = toRecord(pool);
        entry = { pool, record, start: record };
        touched.set(pid, entry);
      }
      entry.record = handlePoolNewRewardRecord(ext, pid, entry.record, reward);
    }
  } finally {
    // a pool no reward changed is written back as it was read, as before
    for (const [pid, { pool, record, start }] of touched)
      StakePools.set(ext.state, pid, record === start ? pool : fromRecord(pool, record));
  }
}

/** A pool miner entered CoolingDown: its stake (minus any slash) is now releasing. */
export function onStopped(ext: Ext, worker: Hex, originalStake: bigint, slashed: bigint): void {
  const pid = WorkerAssignments.get(ext.state, worker);
  if (pid === undefined) return;
  const pool = StakePools.get(ext.state, pid);
  if (pool === undefined) return;
  const returned = saturatingSub(originalStake, slashed);
  StakePools.set(ext.state, pid, { ...pool, releasing_stake: saturatingAdd(pool.releasing_stake, returned) });
}

/** The operator unbound the worker in PhalaMining: it leaves its pool. */
export function onUnbound(ext: Ext, worker: Hex, _force: boolean): void {
  removeWorkerFromPool(ext, worker);
}
