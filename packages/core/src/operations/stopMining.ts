import { normalizeWorkerKey } from '../accounts.js';
import { MiningDisabledError } from '../errors/index.js';
import type { MinerInfo, PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';
import { MINING_STATES, requireMinerState, requireWorkerInPool } from './workerChecks.js';

/** Rules of "Stop", in the chain's order: mining switch on, pool, owner, worker in pool, worker Mining or Unresponsive. */
export function checkStopMining(
  miningEnabled: boolean,
  pid: bigint,
  pool: PoolInfo | undefined,
  caller: string,
  worker: string,
  assignedPid: bigint | undefined,
  miner: MinerInfo | undefined,
): void {
  if (!miningEnabled) throw new MiningDisabledError();
  const p = requireOwnedPool(pid, pool, caller);
  requireWorkerInPool(p, worker, assignedPid);
  requireMinerState(worker, miner, MINING_STATES);
}

/** "Stop": a worker in Mining or Unresponsive state goes to CoolingDown (7 days). */
export function stopMining(pid: bigint, workerKey: string): Operation<void> {
  const worker = normalizeWorkerKey(workerKey);
  return {
    kind: 'stopMining',
    async validate({ view, caller }) {
      const [enabled, pool, assignedPid, miner, stake] = await Promise.all([
        view.miningEnabled(),
        view.pool(pid),
        view.workerAssignment(worker),
        view.miner(pid, worker),
        view.minerStake(pid, worker),
      ]);
      checkStopMining(enabled, pid, pool, caller, worker, assignedPid, miner);
      miner!.state = 'MiningCoolingDown';
      miner!.coolDownStart = await view.now();
      pool!.releasingStake += stake;
    },
    calls: ({ api }) => [api.tx.phalaStakePool.stopMining(pid, worker)],
  };
}
