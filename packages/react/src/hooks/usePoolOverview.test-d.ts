import type { PoolInfo, PoolOverview, WorkerView } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, usePoolOverview } from '../index.js';

declare const routePid: bigint | undefined;

describe('usePoolOverview', () => {
  test('data is the pool with its workers, undefined for no such pool', () => {
    const overview = usePoolOverview(1n);
    expectTypeOf(overview).toEqualTypeOf<QueryState<PoolOverview | undefined>>();
    expectTypeOf<PoolOverview>().toEqualTypeOf<{ pool: PoolInfo; workers: WorkerView[] }>();
    expectTypeOf(usePoolOverview(routePid)).toEqualTypeOf<QueryState<PoolOverview | undefined>>();
  });

  test('suspense', () => {
    const overview = usePoolOverview(1, { suspense: true });
    expectTypeOf(overview).toEqualTypeOf<SuspenseQueryState<PoolOverview | undefined>>();
    expectTypeOf(overview.status).toEqualTypeOf<'success'>();
  });

  test('arguments', () => {
    // @ts-expect-error a pool id is a bigint or a number
    usePoolOverview('1');
    // @ts-expect-error with suspense the pool id must be there
    usePoolOverview(routePid, { suspense: true });
  });
});
