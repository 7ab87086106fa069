import type { GuardianPlan, ReclaimableWorker, WithdrawalRisk } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type OperationHook,
  type QueryState,
  type SuspenseQueryState,
  usePlanWithdrawalCover,
  useReclaimable,
  useWithdrawalRisk,
} from '../index.js';

declare const routePid: bigint | undefined;

describe('guardian hooks', () => {
  test('data types', () => {
    expectTypeOf(useWithdrawalRisk(1n)).toEqualTypeOf<QueryState<WithdrawalRisk | undefined>>();
    expectTypeOf(useWithdrawalRisk(1n).data?.shortfall).toEqualTypeOf<bigint | undefined>();
    expectTypeOf(useWithdrawalRisk(1n, { suspense: true })).toEqualTypeOf<
      SuspenseQueryState<WithdrawalRisk | undefined>
    >();
    expectTypeOf(useReclaimable(1)).toEqualTypeOf<QueryState<ReclaimableWorker[]>>();
    const plan = usePlanWithdrawalCover(1n, { strategy: 'fewest', horizon: 3600 });
    expectTypeOf(plan.data).toEqualTypeOf<GuardianPlan | undefined>();
    expectTypeOf(plan.apply).toEqualTypeOf<OperationHook<[], void>>();
  });

  test('arguments', () => {
    useWithdrawalRisk(routePid);
    usePlanWithdrawalCover(routePid, { strategy: { rank: ['0x00'] } });
    // @ts-expect-error a pool id is a bigint or a number
    useReclaimable('1');
    // @ts-expect-error with suspense the pool id must be there
    useWithdrawalRisk(routePid, { suspense: true });
    // @ts-expect-error an unknown strategy
    usePlanWithdrawalCover(1n, { strategy: 'random' });
    // @ts-expect-error apply takes no arguments: it sends the plan shown
    void plan0().apply.send(1n);
  });
});

declare function plan0(): ReturnType<typeof usePlanWithdrawalCover>;
