import type { ProxyDefinition } from '@phala-mining/core';
import { accountKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live proxies of an account: who may act for it, with which proxy type and delay. */
export function useProxies<O extends QueryOptions = QueryOptions>(
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<ProxyDefinition[], O> {
  return useMiningQuery(
    account === undefined ? undefined : `proxies:${accountKey(account)}`,
    (client) => client.proxies$(account!),
    options,
  ) as QueryResult<ProxyDefinition[], O>;
}
