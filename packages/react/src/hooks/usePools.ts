import { type PoolInfo, type PoolsFilter, poolsQuery } from '@phala-mining/core';
import type { QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live list of pools — all of them, or those of `owner` (the Phala App's "Stakepool" list). */
export function usePools<O extends QueryOptions = QueryOptions>(
  filter: PoolsFilter = {},
  options?: O,
): QueryResult<PoolInfo[], O> {
  const owner = filter.owner;
  return useQueryOf(poolsQuery(owner === undefined ? {} : { owner }), options) as QueryResult<PoolInfo[], O>;
}
