import type { Overview } from '@phala-mining/core';
import { accountKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live overview of an owner: every pool it owns and every worker in them, with totals. */
export function useOverview<O extends QueryOptions = QueryOptions>(
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<Overview, O> {
  return useMiningQuery(
    account === undefined ? undefined : `overview:${accountKey(account)}`,
    (client) => client.overview$(account!),
    options,
  ) as QueryResult<Overview, O>;
}
