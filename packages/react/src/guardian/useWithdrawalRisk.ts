import { type WithdrawalRisk, withdrawalRiskQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from '../hooks/useMiningQuery.js';
import { useQueryOf } from '../hooks/useQueryOf.js';

/**
 * Live forced-stop risk of a pool (core's `withdrawalRisk$`): each queued request's deadline and whether it is
 * covered, and `atRisk`, `deadline`, `shortfall` (planck) and `timeLeft` for the pool. `data` is undefined while
 * the pool does not exist.
 */
export function useWithdrawalRisk<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<WithdrawalRisk | undefined, O> {
  return useQueryOf(pid === undefined ? undefined : withdrawalRiskQuery(pid), options) as QueryResult<
    WithdrawalRisk | undefined,
    O
  >;
}
