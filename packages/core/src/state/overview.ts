import { combineLatest, map, type Observable, of, switchMap } from 'rxjs';
import type { PoolInfo } from './records.js';
import type { WorkerDisplayState, WorkerView } from './workers.js';

/** One pool with its workers. */
export interface PoolOverview {
  /** The pool's record as on chain. */
  pool: PoolInfo;
  /** One row per worker in the pool's list, in the order the workers were added. */
  workers: WorkerView[];
}

/** Totals over pools and workers. */
export interface OverviewTotals {
  /** How many pools the account owns. */
  pools: number;
  /** How many workers those pools hold, in any state. */
  workers: number;
  /** Those workers counted by the state the Phala App shows (every state is a key; 0 when none). */
  workersByState: Record<WorkerDisplayState, number>;
  /** Stake in all the pools together, planck. */
  totalStake: bigint;
  /** Stake no worker holds, over all the pools, planck: ready to start workers with or to pay withdrawals. */
  freeStake: bigint;
  /** Stake of workers in their cooldown, over all the pools, planck; free again once they are reclaimed. */
  releasingStake: bigint;
  /** stake of mining workers */
  miningStake: bigint;
  /** Commission waiting to be claimed by the owner, summed over the pools, planck. */
  ownerRewards: bigint;
  /** Σ worker total rewards */
  totalMined: bigint;
}

/** The Mining page overview: every pool owned, every worker they run, with totals. */
export interface Overview {
  /** The pool owner the overview is for, SS58. */
  account: string;
  /** Each pool the account owns, with its workers. */
  pools: PoolOverview[];
  /** Sums over those pools and workers. */
  totals: OverviewTotals;
}

/** Sums pools and workers (pure). */
export function overviewTotals(pools: readonly PoolOverview[]): OverviewTotals {
  const workersByState: Record<WorkerDisplayState, number> = {
    Ready: 0,
    Mining: 0,
    Unresponsive: 0,
    CoolingDown: 0,
    Unbound: 0,
  };
  const t: OverviewTotals = {
    pools: pools.length,
    workers: 0,
    workersByState,
    totalStake: 0n,
    freeStake: 0n,
    releasingStake: 0n,
    miningStake: 0n,
    ownerRewards: 0n,
    totalMined: 0n,
  };
  for (const { pool, workers } of pools) {
    t.totalStake += pool.totalStake;
    t.freeStake += pool.freeStake;
    t.releasingStake += pool.releasingStake;
    t.ownerRewards += pool.ownerReward;
    for (const w of workers) {
      t.workers++;
      workersByState[w.state]++;
      t.totalMined += w.totalReward;
      if (w.state === 'Mining' || w.state === 'Unresponsive') t.miningStake += w.stake;
    }
  }
  return t;
}

/** Combines a live pool list with each pool's live workers. */
export function overviewState$(
  account: string,
  pools$: Observable<PoolInfo[]>,
  workersOf: (pid: bigint) => Observable<WorkerView[]>,
): Observable<Overview> {
  return pools$.pipe(
    switchMap((pools) =>
      pools.length === 0
        ? of([] as PoolOverview[])
        : combineLatest(pools.map((pool) => workersOf(pool.pid).pipe(map((workers) => ({ pool, workers }))))),
    ),
    map((pools) => ({ account, pools, totals: overviewTotals(pools) })),
  );
}
