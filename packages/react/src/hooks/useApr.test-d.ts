import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, useApr } from '../index.js';

declare const routePid: bigint | undefined;

describe('useApr', () => {
  test('data is a fraction (number)', () => {
    expectTypeOf(useApr(1n)).toEqualTypeOf<QueryState<number>>();
    expectTypeOf(useApr(routePid).data).toEqualTypeOf<number | undefined>();
    expectTypeOf(useApr(1n, { suspense: true })).toEqualTypeOf<SuspenseQueryState<number>>();
    expectTypeOf(useApr(1n, { suspense: true }).data).toEqualTypeOf<number>();
  });

  test('arguments', () => {
    // @ts-expect-error a pool id is a bigint or a number
    useApr('1');
    // @ts-expect-error with suspense the pool id must be there
    useApr(routePid, { suspense: true });
  });
});
