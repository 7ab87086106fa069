import type { QueuedWithdrawal } from '@phala-mining/core';
import { pidKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live withdraw queue of a pool, in order, each request with its value, deadline and countdown. */
export function useWithdrawQueue<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<QueuedWithdrawal[], O> {
  return useMiningQuery(
    pid === undefined ? undefined : `queue:${pidKey(pid)}`,
    (client) => client.withdrawQueue$(pid!),
    options,
  ) as QueryResult<QueuedWithdrawal[], O>;
}
