import type { PoolOverview } from '@phala-mining/core';
import { pidKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live pool together with its workers; undefined for a pool that does not exist. */
export function usePoolOverview<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<PoolOverview | undefined, O> {
  return useMiningQuery(
    pid === undefined ? undefined : `poolOverview:${pidKey(pid)}`,
    (client) => client.poolOverview$(pid!),
    options,
  ) as QueryResult<PoolOverview | undefined, O>;
}
