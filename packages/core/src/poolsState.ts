import type { Codec } from '@polkadot/types/types';
import { concatMap, distinctUntilChanged, from, map, type Observable, of, scan, switchMap } from 'rxjs';
import { sameAccount } from './accounts.js';
import { big, decodePool } from './codec.js';
import { type ObservableDeps, promiseQuery, queryMulti$, rxQuery } from './observableDeps.js';
import type { PoolInfo } from './state.js';

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
  const q = promiseQuery(deps.api);
  const sp = q.phalaStakePool!;
  const pids$ = (rxQuery(deps.api).phalaStakePool!.poolCount() as Observable<Codec>).pipe(
    map((c) => big(c)),
    distinctUntilChanged(),
    scan(
      (acc: { scanned: bigint; pending: Promise<bigint[]> }, count: bigint) => {
        const from0 = acc.scanned;
        const pending = acc.pending.then(async (known) => {
          if (count <= from0) return known;
          const pids = Array.from({ length: Number(count - from0) }, (_, i) => from0 + BigInt(i));
          if (filter.owner === undefined) return [...known, ...pids];
          const pools = (await deps.api.queryMulti(
            pids.map((pid) => [sp.stakePools, pid]),
          )) as unknown as Codec[];
          const mine = pids.filter((_, i) => {
            const p = decodePool(pools[i]!, undefined, undefined, deps.ss58);
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
      const keys = pids.flatMap((pid) => [
        [sp.stakePools, pid],
        [sp.poolContributionWhitelists, pid],
        [sp.poolDescriptions, pid],
      ]);
      return queryMulti$(deps.api, keys).pipe(
        map((values) => {
          const v = values as unknown as Codec[];
          return pids
            .map((_, i) => decodePool(v[i * 3]!, v[i * 3 + 1], v[i * 3 + 2], deps.ss58))
            .filter((p): p is PoolInfo => p !== undefined);
        }),
      );
    }),
  );
}
