import { type ProxyDefinition, proxiesQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live proxies of an account: who may act for it, with which proxy type and delay. */
export function useProxies<O extends QueryOptions = QueryOptions>(
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<ProxyDefinition[], O> {
  return useQueryOf(account === undefined ? undefined : proxiesQuery(account), options) as QueryResult<
    ProxyDefinition[],
    O
  >;
}
