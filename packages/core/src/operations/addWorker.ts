import { normalizeWorkerKey, sameAccount } from '../accounts.js';
import {
  BenchmarkMissingError,
  NotWorkerOperatorError,
  PoolWorkersFullError,
  WorkerAlreadyBoundError,
  WorkerNotRegisteredError,
  WorkerStateError,
} from '../errors/index.js';
import type { MinerInfo, PoolInfo, RegistryWorkerInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';

/** Everything "Add Worker" is decided on. */
export interface AddWorkerState {
  /** The pool to add the worker to. */
  pid: bigint;
  /** Worker public key, 0x-hex. */
  worker: string;
  /** SS58 address of the signer; must own the pool and be the worker's registered operator. */
  caller: string;
  /** The worker's registry record; undefined when it never registered. */
  registered: RegistryWorkerInfo | undefined;
  /** The pool record; undefined when the pool does not exist. */
  pool: PoolInfo | undefined;
  /** pool the worker is assigned to, if any */
  assignedPid: bigint | undefined;
  /** miner account the worker is bound to, if any */
  boundMiner: string | undefined;
  /** existing mining record of this pool's sub-account for the worker */
  subAccountMiner: MinerInfo | undefined;
  /** Most workers a pool may hold (`MaxPoolWorkers`, 200 on Khala). */
  maxPoolWorkers: number;
}

/**
 * Rules of "Add Worker", in the chain's order: registered, operated by the caller (the pool owner must be the miner's
 * operator), benchmarked, pool exists and is the caller's, not already in it, room left, and bindable (the worker is
 * not bound to another miner, and a previous miner record of this sub-account is Ready).
 */
export function checkAddWorker(s: AddWorkerState): void {
  const reg = s.registered;
  if (!reg) throw new WorkerNotRegisteredError(s.worker);
  if (!reg.operator || !sameAccount(reg.operator, s.caller))
    throw new NotWorkerOperatorError(s.worker, reg.operator, s.caller);
  if (reg.initialScore === undefined) throw new BenchmarkMissingError(s.worker);
  const pool = requireOwnedPool(s.pid, s.pool, s.caller);
  if (pool.workers.includes(s.worker)) throw new WorkerAlreadyBoundError(s.worker, s.pid);
  if (pool.workers.length + 1 > s.maxPoolWorkers) throw new PoolWorkersFullError(s.pid, s.maxPoolWorkers);
  if (s.assignedPid !== undefined) throw new WorkerAlreadyBoundError(s.worker, s.assignedPid);
  if (s.boundMiner !== undefined) throw new WorkerAlreadyBoundError(s.worker, undefined);
  if (s.subAccountMiner && s.subAccountMiner.state !== 'Ready')
    throw new WorkerStateError(s.worker, s.subAccountMiner.state, ['Ready']);
}

/** "Add Worker": adds a registered, benchmarked worker operated by the pool owner to the pool. */
export function addWorker(pid: bigint, workerKey: string): Operation<void> {
  const worker = normalizeWorkerKey(workerKey);
  return {
    kind: 'addWorker',
    async validate({ view, caller }) {
      const [registered, pool, assignedPid, boundMiner, subAccountMiner] = await Promise.all([
        view.registryWorker(worker),
        view.pool(pid),
        view.workerAssignment(worker),
        view.workerBinding(worker),
        view.miner(pid, worker),
      ]);
      checkAddWorker({
        pid,
        worker,
        caller,
        registered,
        pool,
        assignedPid,
        boundMiner,
        subAccountMiner,
        maxPoolWorkers: view.constants.maxPoolWorkers,
      });
      pool!.workers.push(worker);
      // later operations of the same batch (e.g. startMining) see the freshly bound, Ready miner
      view.assume('assign', worker, pid);
      view.assume('miner', `${pid}:${worker}`, {
        state: 'Ready',
        ve: 0n,
        v: 0n,
        vUpdatedAt: 0n,
        pInit: 0,
        pInstant: 0,
        coolDownStart: 0n,
        totalReward: 0n,
      } satisfies MinerInfo);
    },
    calls: ({ api }) => [api.tx.phalaStakePool.addWorker(pid, worker)],
  };
}
