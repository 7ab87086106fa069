import type { TokenomicParameters } from '@phala-mining/math';
import { normalizeWorkerKey } from '../accounts.js';
import {
  InsufficientFreeStakeError,
  InvalidAmountError,
  RestartStakeNotHigherError,
} from '../errors/index.js';
import type { MinerInfo, PoolInfo, RegistryWorkerInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requirePool } from './poolChecks.js';
import { checkStakeRange } from './startMining.js';
import { checkStopMining } from './stopMining.js';

/** Everything "restart with more stake" is decided on. */
export interface RestartMiningState {
  /** The pool the worker mines for. */
  pid: bigint;
  /** Worker public key, 0x-hex. */
  worker: string;
  /** SS58 address of the signer; must be the pool owner. */
  caller: string;
  /** The new stake, planck; must be more than the current one. */
  stake: bigint;
  /** The pool record; undefined when the pool does not exist. */
  pool: PoolInfo | undefined;
  /** The mining switch (`PhalaStakePool.MiningEnabled`): a restart stops the worker first, which needs it. */
  miningEnabled: boolean;
  /** The pool the worker is assigned to (`WorkerAssignments`), if any. */
  assignedPid: bigint | undefined;
  /** Mining record of the pool's miner account for the worker; it must be mining (idle or unresponsive). */
  miner: MinerInfo | undefined;
  /** What the worker mines with now (`PhalaMining.Stakes`), planck; returned to the pool first. */
  currentStake: bigint;
  /** The worker's registry record: benchmark score and confidence level bound the new stake (Smin, Smax). */
  registered: RegistryWorkerInfo | undefined;
  /** The chain's tokenomic parameters (`PhalaMining.TokenomicParameters`); undefined when unset. */
  tokenomics: TokenomicParameters | undefined;
}

/**
 * Rules of restart, in the chain's order: pool exists, it has free stake, the stop rules, strictly more stake than
 * now, then the start rules with the old stake returned to the pool (free + old ≥ new, Smin, Smax).
 */
export function checkRestartMining(s: RestartMiningState): void {
  const pool = requirePool(s.pid, s.pool);
  if (pool.freeStake <= 0n) throw new InsufficientFreeStakeError(s.stake, pool.freeStake);
  checkStopMining(s.miningEnabled, s.pid, pool, s.caller, s.worker, s.assignedPid, s.miner);
  if (s.stake <= s.currentStake) throw new RestartStakeNotHigherError(s.stake, s.currentStake);
  const free = pool.freeStake + s.currentStake;
  if (free < s.stake) throw new InsufficientFreeStakeError(s.stake, free);
  checkStakeRange(s.worker, s.stake, s.registered, s.tokenomics);
}

/** Restarts a mining worker with a strictly larger stake (stop, immediate reclaim and start in one call). */
export function restartMining(pid: bigint, workerKey: string, stake: bigint): Operation<void> {
  const worker = normalizeWorkerKey(workerKey);
  if (typeof stake !== 'bigint' || stake < 0n)
    throw new InvalidAmountError(
      stake,
      typeof stake !== 'bigint' ? 'NotANumber' : stake < 0n ? 'Negative' : 'NotPositive',
    );
  return {
    kind: 'restartMining',
    async validate({ view, caller }) {
      const [pool, miningEnabled, assignedPid, miner, currentStake, registered, tokenomics] =
        await Promise.all([
          view.pool(pid),
          view.miningEnabled(),
          view.workerAssignment(worker),
          view.miner(pid, worker),
          view.minerStake(pid, worker),
          view.registryWorker(worker),
          view.tokenomics(),
        ]);
      checkRestartMining({
        pid,
        worker,
        caller,
        stake,
        pool,
        miningEnabled,
        assignedPid,
        miner,
        currentStake,
        registered,
        tokenomics,
      });
      pool!.freeStake = pool!.freeStake + currentStake - stake;
    },
    calls: ({ api }) => [api.tx.phalaStakePool.restartMining(pid, worker, stake)],
  };
}
