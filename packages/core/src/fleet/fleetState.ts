import { hexToU8a } from '@polkadot/util';
import { combineLatest, distinctUntilChanged, map, type Observable, of, switchMap } from 'rxjs';
import type { ObservableDeps } from '../state/observableDeps.js';
import type { PoolOverview } from '../state/overview.js';
import type { PoolInfo } from '../state/records.js';
import { type WorkerEnvironment, type WorkerView, workerView } from '../state/workers.js';
import {
  decodeBalanceOption,
  decodeMiner,
  decodeNowSeconds,
  decodeRegistryWorker,
  decodeTokenomics,
} from '../storage/decode.js';
import { type StorageRequest, watchDecoded$ } from '../storage/source.js';
import { poolSubAccount, poolSubAccountHex } from '../subAccount.js';

/** Every pool of an owner with its workers, as one live value. */
export interface FleetView {
  /** the owner, SS58 */
  owner: string;
  /** the owner's pools in pid order, each with its Worker List */
  pools: PoolOverview[];
}

// the chain-wide values every worker view needs, read once for the whole fleet
const ENVIRONMENT: StorageRequest[] = [
  ['PhalaMining', 'TokenomicParameters'],
  ['PhalaMining', 'CoolDownPeriod'],
  ['Timestamp', 'Now'],
];

const PER_WORKER = 3;

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
  const requests: StorageRequest[] = [...ENVIRONMENT];
  for (const [pid, worker] of pairs) {
    // storage keys take the account's raw bytes; the view shows SS58
    const sub = hexToU8a(poolSubAccountHex(pid, worker));
    requests.push(
      ['PhalaRegistry', 'Workers', hexToU8a(worker)],
      ['PhalaMining', 'Miners', sub],
      ['PhalaMining', 'Stakes', sub],
    );
  }
  return watchDecoded$(deps.api, requests).pipe(
    map((v) => {
      const env: WorkerEnvironment = {
        tokenomics: decodeTokenomics(v[0]),
        coolDownPeriod: v[1],
        now: decodeNowSeconds(v[2]),
      };
      const byPool = new Map<bigint, WorkerView[]>();
      pairs.forEach(([pid, w], i) => {
        const at = ENVIRONMENT.length + i * PER_WORKER;
        const view = workerView(
          w,
          poolSubAccount(pid, w, deps.ss58),
          decodeRegistryWorker(v[at], deps.ss58),
          decodeMiner(v[at + 1]),
          decodeBalanceOption(v[at + 2]),
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
