import { type WorkerView, workersQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live Worker List of a pool: state, stake, cores, scores, V, total reward, Smin/Smax, cooldown end. */
export function useWorkers<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<WorkerView[], O> {
  return useQueryOf(pid === undefined ? undefined : workersQuery(pid), options) as QueryResult<
    WorkerView[],
    O
  >;
}
