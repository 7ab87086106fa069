import type { WorkerView } from '@phala-mining/core';
import { pidKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live Worker List of a pool: state, stake, cores, scores, V, total reward, Smin/Smax, cooldown end. */
export function useWorkers<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<WorkerView[], O> {
  return useMiningQuery(
    pid === undefined ? undefined : `workers:${pidKey(pid)}`,
    (client) => client.workers$(pid!),
    options,
  ) as QueryResult<WorkerView[], O>;
}
