import type { ReclaimableWorker } from '@phala-mining/core';
import { pidKey } from '../hooks/keys.js';
import {
  type QueryArg,
  type QueryOptions,
  type QueryResult,
  useMiningQuery,
} from '../hooks/useMiningQuery.js';

/** Live list of a pool's workers whose cooldown has ended: anyone may reclaim them (core's `reclaimable$`). */
export function useReclaimable<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<ReclaimableWorker[], O> {
  return useMiningQuery(
    pid === undefined ? undefined : `reclaimable:${pidKey(pid)}`,
    (client) => client.reclaimable$(pid!),
    options,
  ) as QueryResult<ReclaimableWorker[], O>;
}
