import { type AccountBalance, balanceQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/** Live balance of an account: free, reserved, frozen, locked by pools, and delegable (what may still be staked). */
export function useBalance<O extends QueryOptions = QueryOptions>(
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<AccountBalance, O> {
  return useQueryOf(account === undefined ? undefined : balanceQuery(account), options) as QueryResult<
    AccountBalance,
    O
  >;
}
