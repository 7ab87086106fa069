import type { StakeView } from '@phala-mining/core';
import { accountKey, pidKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live "Your Stake Info" of `account` in a pool: locked, shares, value, rewards, its queued withdrawal. */
export function useStake<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<StakeView | undefined, O> {
  const key =
    pid === undefined || account === undefined ? undefined : `stake:${pidKey(pid)}:${accountKey(account)}`;
  return useMiningQuery(key, (client) => client.stake$(pid!, account!), options) as QueryResult<
    StakeView | undefined,
    O
  >;
}
