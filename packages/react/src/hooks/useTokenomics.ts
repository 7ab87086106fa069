import { type TokenomicsView, tokenomicsQuery } from '@phala-mining/core';
import type { QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live tokenomic parameters, cooldown period, online miners and the mining switch. */
export function useTokenomics<O extends QueryOptions = QueryOptions>(
  options?: O,
): QueryResult<TokenomicsView, O> {
  return useQueryOf(tokenomicsQuery(), options) as QueryResult<TokenomicsView, O>;
}
