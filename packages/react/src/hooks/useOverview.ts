import { type Overview, overviewQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live overview of an owner: every pool it owns and every worker in them, with totals. */
export function useOverview<O extends QueryOptions = QueryOptions>(
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<Overview, O> {
  return useQueryOf(account === undefined ? undefined : overviewQuery(account), options) as QueryResult<
    Overview,
    O
  >;
}
