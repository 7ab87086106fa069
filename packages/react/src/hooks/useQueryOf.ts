import type { MiningQuery } from '@phala-mining/core';
import type { QueryState } from '../provider/queryStore.js';
import { type QueryOptions, useMiningQuery } from './useMiningQuery.js';

/**
 * Follows one of core's query descriptors (`poolQuery(pid)`, …): its key is core's, so hooks and the client agree on
 * what is one query. `undefined` means "nothing to follow yet" (status `idle`).
 */
export function useQueryOf<T>(query: MiningQuery<T> | undefined, options?: QueryOptions): QueryState<T> {
  return useMiningQuery(query?.key, (client) => query!.source$(client), options);
}
