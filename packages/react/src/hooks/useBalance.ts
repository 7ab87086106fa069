import type { AccountBalance } from '@phala-mining/core';
import { accountKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live balance of an account: free, reserved, frozen, locked by pools, and delegable (what may still be staked). */
export function useBalance<O extends QueryOptions = QueryOptions>(
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<AccountBalance, O> {
  return useMiningQuery(
    account === undefined ? undefined : `balance:${accountKey(account)}`,
    (client) => client.balance$(account!),
    options,
  ) as QueryResult<AccountBalance, O>;
}
