import type { PendingMultisig } from '@phala-mining/core';
import { accountKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/**
 * Live operations of a multisig account waiting for approvals: call hash, timepoint, approvals so far, depositor —
 * what a signatory needs to approve (send the same operation with `asMultisig`) or cancel.
 */
export function usePendingMultisigs<O extends QueryOptions = QueryOptions>(
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<PendingMultisig[], O> {
  return useMiningQuery(
    account === undefined ? undefined : `multisigs:${accountKey(account)}`,
    (client) => client.pendingMultisigs$(account!),
    options,
  ) as QueryResult<PendingMultisig[], O>;
}
