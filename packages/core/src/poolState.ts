import type { Codec } from '@polkadot/types/types';
import { map, type Observable } from 'rxjs';
import { decodePool } from './codec.js';
import { type ObservableDeps, promiseQuery, queryMulti$ } from './observableDeps.js';
import type { PoolInfo } from './state.js';

/**
 * The pool record with its whitelist and description, live: one storage subscription of three keys. Emits undefined
 * while the pool does not exist.
 */
export function poolState$(deps: ObservableDeps, pid: bigint): Observable<PoolInfo | undefined> {
  const sp = promiseQuery(deps.api).phalaStakePool!;
  return queryMulti$(deps.api, [
    [sp.stakePools, pid],
    [sp.poolContributionWhitelists, pid],
    [sp.poolDescriptions, pid],
  ]).pipe(
    map((values) => {
      const [pool, wl, desc] = values as unknown as Codec[];
      return decodePool(pool!, wl, desc, deps.ss58);
    }),
  );
}
