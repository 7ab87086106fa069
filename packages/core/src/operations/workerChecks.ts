import { WorkerNotInPoolError, WorkerStateError } from '../errors/index.js';
import type { MinerInfo, PoolInfo } from '../state/records.js';

/** The worker must be in the pool's worker list. */
export function requireWorkerInPool(pool: PoolInfo, worker: string, assignedPid: bigint | undefined): void {
  if (!pool.workers.includes(worker)) throw new WorkerNotInPoolError(pool.pid, worker, assignedPid);
}

/** The worker's miner must exist and be in one of the given states. */
export function requireMinerState(
  worker: string,
  miner: MinerInfo | undefined,
  expected: readonly MinerInfo['state'][],
): MinerInfo {
  if (!miner) throw new WorkerStateError(worker, 'Unbound', expected);
  if (!expected.includes(miner.state)) throw new WorkerStateError(worker, miner.state, expected);
  return miner;
}

/** States the Phala App shows as "Mining" or "Unresponsive". */
export const MINING_STATES = ['MiningIdle', 'MiningUnresponsive'] as const;
