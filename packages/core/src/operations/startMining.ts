import { MIN_INIT_P, maxStake, minStake, type TokenomicParameters } from '@phala-mining/math';
import { normalizeWorkerKey } from '../accounts.js';
import {
  BenchmarkMissingError,
  BenchmarkTooLowError,
  InsufficientFreeStakeError,
  InvalidAmountError,
  StakeAboveMaximumError,
  StakeBelowMinimumError,
  TokenomicsMissingError,
} from '../errors/index.js';
import type { MinerInfo, PoolInfo, RegistryWorkerInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';
import { requireMinerState, requireWorkerInPool } from './workerChecks.js';

/** Everything "Start" is decided on. */
export interface StartMiningState {
  /** The pool whose free stake the worker will mine with. */
  pid: bigint;
  /** Worker public key, 0x-hex. */
  worker: string;
  /** SS58 address of the signer; must be the pool owner. */
  caller: string;
  /** The stake to give the worker, planck; fixed for as long as it mines. */
  stake: bigint;
  /** The pool record; undefined when the pool does not exist. */
  pool: PoolInfo | undefined;
  /** The pool the worker is assigned to (`WorkerAssignments`), if any. */
  assignedPid: bigint | undefined;
  /** The mining record of the pool's miner account for this worker; it must be Ready. */
  miner: MinerInfo | undefined;
  /** The worker's registry record: its benchmark score and confidence level set Smin and Smax. */
  registered: RegistryWorkerInfo | undefined;
  /** The chain's tokenomic parameters (`PhalaMining.TokenomicParameters`); undefined when unset. */
  tokenomics: TokenomicParameters | undefined;
}

/** The tokenomic part of Start: benchmark ≥ 50, Smin ≤ stake ≤ Smax (Smax from Vmax and the confidence level). */
export function checkStakeRange(
  worker: string,
  stake: bigint,
  registered: RegistryWorkerInfo | undefined,
  tokenomics: TokenomicParameters | undefined,
): void {
  const p = registered?.initialScore;
  if (p === undefined) throw new BenchmarkMissingError(worker);
  if (p < MIN_INIT_P) throw new BenchmarkTooLowError(worker, p, MIN_INIT_P);
  if (!tokenomics) throw new TokenomicsMissingError();
  const smin = minStake(tokenomics, p);
  if (stake < smin) throw new StakeBelowMinimumError(stake, smin);
  const smax = maxStake(tokenomics, p, registered!.confidenceLevel);
  if (smax === undefined || stake > smax) throw new StakeAboveMaximumError(stake, smax);
}

/**
 * Rules of "Start", in the chain's order: pool, owner, stake ≤ pool free stake, worker in the pool, worker Ready,
 * then benchmark, Smin and Smax.
 */
export function checkStartMining(s: StartMiningState): void {
  const pool = requireOwnedPool(s.pid, s.pool, s.caller);
  if (pool.freeStake < s.stake) throw new InsufficientFreeStakeError(s.stake, pool.freeStake);
  requireWorkerInPool(pool, s.worker, s.assignedPid);
  requireMinerState(s.worker, s.miner, ['Ready']);
  checkStakeRange(s.worker, s.stake, s.registered, s.tokenomics);
}

/** "Start": starts a Ready worker mining with a stake between Smin and Smax (fixed while mining). */
export function startMining(pid: bigint, workerKey: string, stake: bigint): Operation<void> {
  const worker = normalizeWorkerKey(workerKey);
  if (typeof stake !== 'bigint' || stake < 0n)
    throw new InvalidAmountError(
      stake,
      typeof stake !== 'bigint' ? 'NotANumber' : stake < 0n ? 'Negative' : 'NotPositive',
    );
  return {
    kind: 'startMining',
    async validate({ view, caller }) {
      const [pool, assignedPid, miner, registered, tokenomics] = await Promise.all([
        view.pool(pid),
        view.workerAssignment(worker),
        view.miner(pid, worker),
        view.registryWorker(worker),
        view.tokenomics(),
      ]);
      checkStartMining({ pid, worker, caller, stake, pool, assignedPid, miner, registered, tokenomics });
      pool!.freeStake -= stake;
      miner!.state = 'MiningIdle';
    },
    calls: ({ api }) => [api.tx.phalaStakePool.startMining(pid, worker, stake)],
  };
}
