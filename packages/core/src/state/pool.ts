import { map, type Observable } from 'rxjs';
import { decodePool } from '../storage/decode.js';
import { watchDecoded$ } from '../storage/source.js';
import type { ObservableDeps } from './observableDeps.js';
import type { PoolInfo } from './records.js';

/** The three storage items that make up a pool as the SDK shows it. */
export function poolRequests(pid: bigint) {
  return [
    ['PhalaStakePool', 'StakePools', pid],
    ['PhalaStakePool', 'PoolContributionWhitelists', pid],
    ['PhalaStakePool', 'PoolDescriptions', pid],
  ] as const;
}

/**
 * The pool record with its whitelist and description, live: one storage subscription of three keys. Emits undefined
 * while the pool does not exist.
 */
export function poolState$(deps: ObservableDeps, pid: bigint): Observable<PoolInfo | undefined> {
  return watchDecoded$(deps.api, poolRequests(pid)).pipe(
    map(([pool, whitelist, description]) => decodePool(pool, whitelist, description, deps.ss58)),
  );
}
