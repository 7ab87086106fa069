import { type QueuedWithdrawal, withdrawQueueQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live withdraw queue of a pool, in order, each request with its value, deadline and countdown. */
export function useWithdrawQueue<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<QueuedWithdrawal[], O> {
  return useQueryOf(pid === undefined ? undefined : withdrawQueueQuery(pid), options) as QueryResult<
    QueuedWithdrawal[],
    O
  >;
}
