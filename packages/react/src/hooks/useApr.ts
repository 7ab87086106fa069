import { aprQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live APR estimate of a pool as the Phala App computed it (a fraction: 0.25 is 25 %). */
export function useApr<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<number, O> {
  return useQueryOf(pid === undefined ? undefined : aprQuery(pid), options) as QueryResult<number, O>;
}
