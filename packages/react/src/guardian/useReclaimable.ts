import { type ReclaimableWorker, reclaimableQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from '../hooks/useMiningQuery.js';
import { useQueryOf } from '../hooks/useQueryOf.js';

/** Live list of a pool's workers whose cooldown has ended: anyone may reclaim them (core's `reclaimable$`). */
export function useReclaimable<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<ReclaimableWorker[], O> {
  return useQueryOf(pid === undefined ? undefined : reclaimableQuery(pid), options) as QueryResult<
    ReclaimableWorker[],
    O
  >;
}
