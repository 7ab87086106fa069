import type { WithdrawalRisk } from '@phala-mining/core';
import { pidKey } from '../hooks/keys.js';
import {
  type QueryArg,
  type QueryOptions,
  type QueryResult,
  useMiningQuery,
} from '../hooks/useMiningQuery.js';

/**
 * Live forced-stop risk of a pool (core's `withdrawalRisk$`): each queued request's deadline and whether it is
 * covered, and `atRisk`, `deadline`, `shortfall` (planck) and `timeLeft` for the pool. `data` is undefined while
 * the pool does not exist.
 */
export function useWithdrawalRisk<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<WithdrawalRisk | undefined, O> {
  return useMiningQuery(
    pid === undefined ? undefined : `withdrawalRisk:${pidKey(pid)}`,
    (client) => client.withdrawalRisk$(pid!),
    options,
  ) as QueryResult<WithdrawalRisk | undefined, O>;
}
