import { type StakeView, stakeQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live "Your Stake Info" of `account` in a pool: locked, shares, value, rewards, its queued withdrawal. */
export function useStake<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<StakeView | undefined, O> {
  return useQueryOf(
    pid === undefined || account === undefined ? undefined : stakeQuery(pid, account),
    options,
  ) as QueryResult<StakeView | undefined, O>;
}
