import type { QueuedWithdrawal } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, useWithdrawQueue } from '../index.js';

declare const routePid: bigint | undefined;

describe('useWithdrawQueue', () => {
  test('data is the queue with countdowns', () => {
    const queue = useWithdrawQueue(1n);
    expectTypeOf(queue).toEqualTypeOf<QueryState<QueuedWithdrawal[]>>();
    expectTypeOf(queue.data?.[0]?.countdown).toEqualTypeOf<bigint | undefined>();
    expectTypeOf(useWithdrawQueue(1n, { suspense: true })).toEqualTypeOf<
      SuspenseQueryState<QueuedWithdrawal[]>
    >();
    expectTypeOf(useWithdrawQueue(1n, { suspense: true }).data).toEqualTypeOf<QueuedWithdrawal[]>();
  });

  test('arguments', () => {
    useWithdrawQueue(routePid);
    // @ts-expect-error a pool id is a bigint or a number
    useWithdrawQueue('1');
    // @ts-expect-error with suspense the pool id must be there
    useWithdrawQueue(routePid, { suspense: true });
  });
});
