import { concatMap, distinctUntilChanged, from, map, type Observable, of, scan, switchMap } from 'rxjs';
import { sameAccount } from '../accounts.js';
import { decodePool } from '../storage/decode.js';
import { readDecoded, watchDecoded$, watchDecodedGroups$ } from '../storage/source.js';
import type { ObservableDeps } from './observableDeps.js';
import { poolRequests } from './pool.js';
import type { PoolInfo } from './records.js';

/** Filter of `MiningClient.pools$`. */
export interface PoolsFilter {
  /** only pools owned by this account */
  owner?: string;
}

/**
 * Live list of pools (optionally of one owner). Owners never change, so pool ids are scanned once each — one
 * batched read of the new pids whenever `PoolCount` grows — and the matching pools are followed by one batched
 * subscription.
 */
export function poolsState$(deps: ObservableDeps, filter: PoolsFilter = {}): Observable<PoolInfo[]> {
  const pids$ = watchDecoded$(deps.api, [['PhalaStakePool', 'PoolCount']]).pipe(
    map(([count]) => count),
    distinctUntilChanged(),
    scan(
      (acc: { scanned: bigint; pending: Promise<bigint[]> }, count: bigint) => {
        const from0 = acc.scanned;
        const pending = acc.pending.then(async (known) => {
          if (count <= from0) return known;
          const pids = Array.from({ length: Number(count - from0) }, (_, i) => from0 + BigInt(i));
          if (filter.owner === undefined) return [...known, ...pids];
          const pools = await readDecoded(
            deps.api,
            pids.map((pid) => ['PhalaStakePool', 'StakePools', pid] as const),
          );
          const mine = pids.filter((_, i) => {
            const p = decodePool(pools[i], undefined, undefined, deps.ss58);
            return p !== undefined && sameAccount(p.owner, filter.owner!);
          });
          return [...known, ...mine];
        });
        return { scanned: count > from0 ? count : from0, pending };
      },
      { scanned: 0n, pending: Promise.resolve([] as bigint[]) },
    ),
    concatMap((acc) => from(acc.pending)),
    distinctUntilChanged((a, b) => a.length === b.length),
  );
  return pids$.pipe(
    switchMap((pids) => {
      if (pids.length === 0) return of([] as PoolInfo[]);
      return watchDecodedGroups$(deps.api, [], pids.map(poolRequests)).pipe(
        map(([, pools]) =>
          pools
            .map(([pool, whitelist, description]) => decodePool(pool, whitelist, description, deps.ss58))
            .filter((p): p is PoolInfo => p !== undefined),
        ),
      );
    }),
  );
}
