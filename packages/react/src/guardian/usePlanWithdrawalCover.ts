import {
  type CoverOptions,
  EmptyChainError,
  type GuardianPlan,
  planWithdrawalCoverQuery,
} from '@phala-mining/core';
import { useRef } from 'react';
import { useQueryOf } from '../hooks/useQueryOf.js';
import { type OperationHook, type OperationOptions, useOperation } from '../operations/useOperation.js';
import type { QueryState } from '../provider/queryStore.js';

/** Options of {@link usePlanWithdrawalCover}: the plan's (strategy, horizon) and the operation's (signer, waitFor). */
export type PlanWithdrawalCoverOptions = Omit<CoverOptions, 'strategy'> &
  OperationOptions & {
    /** `'least-reward'` (default) or `'fewest'`; a ranking as `{ rank: [...keys] }` */
    strategy?: CoverOptions['strategy'];
  };

/** The live plan and the operation that sends it. */
export interface PlanWithdrawalCoverHook extends QueryState<GuardianPlan | undefined> {
  /**
   * Sends the plan shown in `data` (one batch of stops, signed by the pool owner). With nothing to stop, or a plan
   * that cannot work, it fails with EmptyChainError (the reason is in `data.problem`).
   */
  apply: OperationHook<[], void>;
}

/**
 * Live stop plan that keeps a pool out of the forced stop (core's `planWithdrawalCover$`): the workers to stop with
 * their stakes and the reward each costs per day, or the typed reason no plan works; `apply` sends it.
 */
export function usePlanWithdrawalCover(
  pid: bigint | number | undefined,
  options: PlanWithdrawalCoverOptions = {},
): PlanWithdrawalCoverHook {
  const { strategy, horizon, networkShare, signer, waitFor } = options;
  const cover: CoverOptions = {
    ...(strategy === undefined ? {} : { strategy }),
    ...(horizon === undefined ? {} : { horizon }),
    ...(networkShare === undefined ? {} : { networkShare }),
  };
  const plan = useQueryOf(pid === undefined ? undefined : planWithdrawalCoverQuery(pid, cover));
  const latest = useRef(plan.data);
  latest.current = plan.data;
  const apply = useOperation(
    () => {
      const op = latest.current?.operation;
      if (op === undefined) throw new EmptyChainError();
      return op;
    },
    { ...(signer === undefined ? {} : { signer }), ...(waitFor === undefined ? {} : { waitFor }) },
  );
  return { ...plan, apply };
}
