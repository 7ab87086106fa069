import { normalizeWorkerKey } from '../accounts.js';
import type { MinerInfo, PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';
import { requireMinerState, requireWorkerInPool } from './workerChecks.js';

/** Rules of "Remove": pool, owner, worker in this pool, and the worker Ready. */
export function checkRemoveWorker(
  pid: bigint,
  pool: PoolInfo | undefined,
  caller: string,
  worker: string,
  assignedPid: bigint | undefined,
  miner: MinerInfo | undefined,
): void {
  const p = requireOwnedPool(pid, pool, caller);
  requireWorkerInPool(p, worker, assignedPid);
  requireMinerState(worker, miner, ['Ready']);
}

/** "Remove Worker": only a worker in the Ready state. */
export function removeWorker(pid: bigint, workerKey: string): Operation<void> {
  const worker = normalizeWorkerKey(workerKey);
  return {
    kind: 'removeWorker',
    async validate({ view, caller }) {
      const [pool, assignedPid, miner] = await Promise.all([
        view.pool(pid),
        view.workerAssignment(worker),
        view.miner(pid, worker),
      ]);
      checkRemoveWorker(pid, pool, caller, worker, assignedPid, miner);
      pool!.workers = pool!.workers.filter((w) => w !== worker);
      view.assume('assign', worker, undefined);
    },
    calls: ({ api }) => [api.tx.phalaStakePool.removeWorker(pid, worker)],
  };
}
