import type { TokenomicsView } from '@phala-mining/core';
import { type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live tokenomic parameters, cooldown period, online miners and the mining switch. */
export function useTokenomics<O extends QueryOptions = QueryOptions>(
  options?: O,
): QueryResult<TokenomicsView, O> {
  return useMiningQuery('tokenomics', (client) => client.tokenomics$(), options) as QueryResult<
    TokenomicsView,
    O
  >;
}
