import { type PoolInfo, poolQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/**
 * Live pool record — owner, commission (Permill), cap, owner reward, total shares / stake, free and releasing
 * stake, workers, withdraw queue, whitelist, description. `data` is undefined for a pool that does not exist.
 */
export function usePool<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<PoolInfo | undefined, O> {
  return useQueryOf(pid === undefined ? undefined : poolQuery(pid), options) as QueryResult<
    PoolInfo | undefined,
    O
  >;
}
