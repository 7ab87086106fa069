import type { MiningError, PoolInfo } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryOptions, type QueryState, type SuspenseQueryState, usePool } from '../index.js';

declare const routePid: bigint | undefined;
declare const options: QueryOptions;

describe('usePool', () => {
  test('data is the pool, undefined for a pool that does not exist', () => {
    const pool = usePool(1n);
    expectTypeOf(pool).toEqualTypeOf<QueryState<PoolInfo | undefined>>();
    expectTypeOf(pool.data).toEqualTypeOf<PoolInfo | undefined>();
    expectTypeOf(pool.error).toEqualTypeOf<MiningError | undefined>();
    expectTypeOf(pool.status).toEqualTypeOf<'idle' | 'loading' | 'success' | 'error'>();
    expectTypeOf(usePool(1)).toEqualTypeOf<QueryState<PoolInfo | undefined>>();
    expectTypeOf(usePool(routePid, options)).toEqualTypeOf<QueryState<PoolInfo | undefined>>();
  });

  test('suspense: status success, data still possibly undefined (no such pool)', () => {
    const pool = usePool(1n, { suspense: true });
    expectTypeOf(pool).toEqualTypeOf<SuspenseQueryState<PoolInfo | undefined>>();
    expectTypeOf(pool.status).toEqualTypeOf<'success'>();
    expectTypeOf(pool.data).toEqualTypeOf<PoolInfo | undefined>();
    expectTypeOf(usePool(1n, { suspense: false })).toEqualTypeOf<QueryState<PoolInfo | undefined>>();
  });

  test('arguments', () => {
    expectTypeOf(usePool).parameter(0).toEqualTypeOf<bigint | number | undefined>();
    usePool(undefined);
    // @ts-expect-error a pool id is a bigint or a number
    usePool('1');
    // @ts-expect-error a pool id is required (undefined says "none yet")
    usePool();
    // @ts-expect-error with suspense the pool id must be there
    usePool(routePid, { suspense: true });
    // @ts-expect-error no such option
    usePool(1n, { refetchInterval: 1000 });
  });
});
