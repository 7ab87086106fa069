import type { PoolInfo, PoolsFilter } from '@phala-mining/core';
import { accountKey } from './keys.js';
import { type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live list of pools — all of them, or those of `owner` (the Phala App's "Stakepool" list). */
export function usePools<O extends QueryOptions = QueryOptions>(
  filter: PoolsFilter = {},
  options?: O,
): QueryResult<PoolInfo[], O> {
  const owner = filter.owner;
  return useMiningQuery(
    `pools:${owner === undefined ? '*' : accountKey(owner)}`,
    (client) => client.pools$(owner === undefined ? {} : { owner }),
    options,
  ) as QueryResult<PoolInfo[], O>;
}
