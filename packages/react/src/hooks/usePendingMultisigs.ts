import { type PendingMultisig, pendingMultisigsQuery } from '@phala-mining/core';
import type { QueryArg, QueryOptions, QueryResult } from './useMiningQuery.js';
import { useQueryOf } from './useQueryOf.js';

/**
 * Live operations of a multisig account waiting for approvals: call hash, timepoint, approvals so far, depositor —
 * what a signatory needs to approve (send the same operation with `asMultisig`) or cancel.
 */
export function usePendingMultisigs<O extends QueryOptions = QueryOptions>(
  account: QueryArg<string, O>,
  options?: O,
): QueryResult<PendingMultisig[], O> {
  return useQueryOf(
    account === undefined ? undefined : pendingMultisigsQuery(account),
    options,
  ) as QueryResult<PendingMultisig[], O>;
}
