import { combineLatest, distinctUntilChanged, map, type Observable, of, switchMap } from 'rxjs';
import type { ObservableDeps } from '../state/observableDeps.js';
import type { PoolOverview } from '../state/overview.js';
import type { PoolInfo } from '../state/records.js';
import {
  WORKER_ENVIRONMENT,
  type WorkerView,
  workerEnvironment,
  workerRequests,
  workerView,
} from '../state/workers.js';
import { decodeBalanceOption, decodeMiner, decodeRegistryWorker } from '../storage/decode.js';
import { watchDecodedGroups$ } from '../storage/source.js';
import { poolSubAccount } from '../subAccount.js';

/** Every pool of an owner with its workers, as one live value. */
export interface FleetView {
  /** the owner, SS58 */
  owner: string;
  /** the owner's pools in pid order, each with its Worker List */
  pools: PoolOverview[];
}

/**
 * Live fleet of an owner. The pools come from `pools$` (one subscription for all of them); the workers of ALL the
 * pools are followed by ONE more storage subscription (registry record, miner record and stake of each, plus the
 * environment), re-made only when a pool's worker list changes. The round trips per block are therefore constant
 * whatever the number of pools and workers — unlike one `workers$` per pool, or a read per key.
 */
export function fleetState$(
  deps: ObservableDeps,
  owner: string,
  pools$: Observable<PoolInfo[]>,
): Observable<FleetView> {
  const workers$ = pools$.pipe(
    map((pools) => pools.flatMap((p) => p.workers.map((w) => [p.pid, w] as const))),
    // pool records change every block (rewards); the worker subscription is re-made only when a list changes
    distinctUntilChanged(
      (a, b) => a.length === b.length && a.every(([pid, w], i) => pid === b[i]![0] && w === b[i]![1]),
    ),
    switchMap((pairs) =>
      pairs.length === 0 ? of(new Map<bigint, WorkerView[]>()) : watchWorkers$(deps, pairs),
    ),
  );
  return combineLatest([pools$, workers$]).pipe(
    map(([pools, byPool]) => ({
      owner,
      pools: pools.map((pool) => ({ pool, workers: byPool.get(pool.pid) ?? [] })),
    })),
  );
}

function watchWorkers$(
  deps: ObservableDeps,
  pairs: readonly (readonly [bigint, string])[],
): Observable<Map<bigint, WorkerView[]>> {
  return watchDecodedGroups$(
    deps.api,
    WORKER_ENVIRONMENT,
    pairs.map(([pid, worker]) => workerRequests(pid, worker)),
  ).pipe(
    map(([environment, records]) => {
      const env = workerEnvironment(environment);
      const byPool = new Map<bigint, WorkerView[]>();
      pairs.forEach(([pid, w], i) => {
        const [registered, miner, stake] = records[i]!;
        const view = workerView(
          w,
          poolSubAccount(pid, w, deps.ss58),
          decodeRegistryWorker(registered, deps.ss58),
          decodeMiner(miner),
          decodeBalanceOption(stake),
          env,
        );
        const list = byPool.get(pid);
        if (list) list.push(view);
        else byPool.set(pid, [view]);
      });
      return byPool;
    }),
  );
}
