import type { PoolInfo, PoolsFilter } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, usePools } from '../index.js';

const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('usePools', () => {
  test('data is the pool list, all or of one owner', () => {
    expectTypeOf(usePools()).toEqualTypeOf<QueryState<PoolInfo[]>>();
    expectTypeOf(usePools({ owner: alice })).toEqualTypeOf<QueryState<PoolInfo[]>>();
    expectTypeOf(usePools({}).data).toEqualTypeOf<PoolInfo[] | undefined>();
    expectTypeOf(usePools).parameter(0).toEqualTypeOf<PoolsFilter | undefined>();
  });

  test('suspense: the list is there', () => {
    const pools = usePools({}, { suspense: true });
    expectTypeOf(pools).toEqualTypeOf<SuspenseQueryState<PoolInfo[]>>();
    expectTypeOf(pools.data).toEqualTypeOf<PoolInfo[]>();
  });

  test('arguments', () => {
    // @ts-expect-error the filter is { owner }, not the owner itself
    usePools(alice);
    // @ts-expect-error the owner is an address
    usePools({ owner: 1 });
    // @ts-expect-error no such filter
    usePools({ pid: 1n });
  });
});
