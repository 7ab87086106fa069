import type { PoolInfo } from '@phala-mining/core';
import { pidKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/**
 * Live pool record — owner, commission (Permill), cap, owner reward, total shares / stake, free and releasing
 * stake, workers, withdraw queue, whitelist, description. `data` is undefined for a pool that does not exist.
 */
export function usePool<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<PoolInfo | undefined, O> {
  return useMiningQuery(
    pid === undefined ? undefined : `pool:${pidKey(pid)}`,
    (client) => client.pool$(pid!),
    options,
  ) as QueryResult<PoolInfo | undefined, O>;
}
