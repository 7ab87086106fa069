import { type PoolOverview, poolOverviewQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live pool together with its workers; undefined for a pool that does not exist. */
export function usePoolOverview<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<PoolOverview | undefined, O> {
  return useQueryOf(pid === undefined ? undefined : poolOverviewQuery(pid), options) as QueryResult<
    PoolOverview | undefined,
    O
  >;
}
